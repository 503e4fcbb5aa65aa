/**
 * The screening queue's backend on lib/store: instance bytes from the content-addressed store
 * (sha256-checked), outcomes through recordInference (one audited transaction each). A series
 * with no eligible instance is recorded too, with null scores and its out-of-scope reasons, so
 * that it leaves the awaiting list and auditors can find it. A screening that threw is recorded
 * with recordScreeningFailure and waits as the retry policy says.
 */
import type { Actor } from '../auth/users';
import type { ModelIdentity } from '../inference';
import {
  readInstanceBytes,
  recordInference,
  recordScreeningFailure,
  seriesAwaitingInference,
  type Store,
} from '../store';
import type { ScreeningBackend, ScreeningQueue } from './queue';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './retry';

export interface StoreBackendOptions {
  actor?: Actor;
  retry?: RetryPolicy;
}

export function storeBackend(store: Store, options: StoreBackendOptions = {}): ScreeningBackend {
  const actor = options.actor ?? null;
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    async readInstance(instanceId) {
      const { bytes, sha256 } = await readInstanceBytes(store, instanceId);
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), sha256 };
    },
    async record(outcome) {
      const { result, model, provider } = outcome;
      const scored = result?.probabilities ?? null;
      await recordInference(
        store.db,
        {
          seriesId: outcome.seriesId,
          model: { name: model.id, version: model.version, sha256: model.sha256 },
          provider: scored ? `${provider.runtime}/${provider.name}` : null,
          inputSha256: outcome.inputSha256,
          instanceId: outcome.instanceId,
          frame: outcome.frame,
          probabilities: scored,
          findings: scored ? result!.findings : [],
          timings: { ms: result?.ms ?? 0 },
          outOfScope: outcome.outOfScope,
          saliency: { cam: result?.cam ?? null },
          startedAt: outcome.startedAt,
          finishedAt: outcome.finishedAt,
        },
        actor,
      );
    },
    async recordFailure(failure) {
      const { model } = failure;
      await recordScreeningFailure(
        store.db,
        {
          seriesId: failure.seriesId,
          model: { name: model.id, version: model.version, sha256: model.sha256 },
          error: { code: failure.error.code, message: failure.error.message },
          failedAt: failure.failedAt,
          retryDelayMs: (attempts) => retryDelayMs(attempts, retry),
        },
        actor,
      );
    },
  };
}

/**
 * Enqueues every stored series that has no inference by this model yet (e.g. at start-up),
 * leaving out failed ones until their retry time; with `modelLoads`, those that failed only
 * because the model did not load are enqueued at once.
 */
export async function enqueueAwaiting(
  queue: ScreeningQueue,
  store: Store,
  model: ModelIdentity,
  options: { modelLoads?: boolean } = {},
): Promise<number> {
  const awaiting = await seriesAwaitingInference(
    store.db,
    { name: model.id, version: model.version, sha256: model.sha256 },
    new Date(),
    options,
  );
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
