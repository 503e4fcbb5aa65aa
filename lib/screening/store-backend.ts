/**
 * The screening queue's backend on lib/store: instance bytes from the content-addressed store
 * (sha256-checked), outcomes through recordInference (one audited transaction each). A series
 * with no eligible instance is recorded too, with empty scores and its out-of-scope reasons, so
 * that it leaves the awaiting list and auditors can find it.
 */
import type { Actor } from '../auth/users';
import type { ModelManifest } from '../inference';
import { readInstanceBytes, recordInference, seriesAwaitingInference, type Store } from '../store';
import type { ScreeningBackend, ScreeningQueue } from './queue';

export function storeBackend(store: Store, actor: Actor = null): ScreeningBackend {
  return {
    async readInstance(instanceId) {
      const { bytes, sha256 } = await readInstanceBytes(store, instanceId);
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), sha256 };
    },
    async record(outcome) {
      const { result, model, provider } = outcome;
      await recordInference(
        store.db,
        {
          seriesId: outcome.seriesId,
          model: { name: model.id, version: model.version, sha256: model.sha256 },
          provider: result ? `${provider.runtime}/${provider.name}` : 'none (out of scope)',
          inputSha256: outcome.inputSha256,
          probabilities: result?.probabilities ?? {},
          findings: result?.findings ?? [],
          timings: { ms: result?.ms ?? 0 },
          saliency: {
            instanceId: outcome.instanceId,
            cam: result?.cam ?? null,
            outOfScope: outcome.outOfScope,
          },
          startedAt: outcome.startedAt,
          finishedAt: outcome.finishedAt,
        },
        actor,
      );
    },
  };
}

/** Enqueues every stored series that has no inference by this model yet (e.g. at start-up). */
export async function enqueueAwaiting(
  queue: ScreeningQueue,
  store: Store,
  manifest: ModelManifest,
): Promise<number> {
  const awaiting = await seriesAwaitingInference(store.db, {
    name: manifest.id,
    version: manifest.version,
    sha256: manifest.sha256,
  });
  let added = 0;
  for (const series of awaiting) {
    if (
      queue.enqueue({
        seriesId: series.id,
        instanceIds: series.instances.map((instance) => instance.id),
      })
    )
      added++;
  }
  return added;
}
