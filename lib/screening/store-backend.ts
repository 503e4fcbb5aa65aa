/**
 * The screening queue's backend on lib/store: instance bytes from the content-addressed store
 * (sha256-checked), outcomes through recordInference (one audited transaction each). A series
 * with no eligible instance is recorded too, with null scores and its out-of-scope reasons, so
 * that it leaves the awaiting list and auditors can find it. A screening that threw is recorded
 * with recordScreeningFailure and waits as the retry policy says. Each series is claimed first (a
 * lease in the database, then a check that the model has not screened it), so the server
 * processes that share a database screen it once between them.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Actor } from '../auth/users';
import type { ModelIdentity } from '../inference';
import {
  acquireLease,
  readInstanceBytes,
  recordInference,
  recordScreeningFailure,
  releaseLease,
  seriesAwaitingInference,
  type Store,
} from '../store';
import type { ScreeningBackend, ScreeningQueue } from './queue';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './retry';

export interface StoreBackendOptions {
  actor?: Actor;
  retry?: RetryPolicy;
}

/**
 * How long a claim on a series holds unreleased: a screening takes seconds, and a process that
 * died holding one leaves the series to the others' sweeps after this.
 */
const CLAIM_MS = 5 * 60_000;

export function storeBackend(store: Store, options: StoreBackendOptions = {}): ScreeningBackend {
  const actor = options.actor ?? null;
  const retry = options.retry ?? DEFAULT_RETRY;
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  const claimName = (seriesId: number, model: ModelIdentity) =>
    `screen:${seriesId}:${model.sha256}`;
  return {
    async claim(seriesId, model) {
      const name = claimName(seriesId, model);
      if (!(await acquireLease(store.db, name, holder, CLAIM_MS))) return false;
      const screened = await store.db.inference.count({
        where: {
          seriesId,
          modelVersion: { name: model.id, version: model.version, sha256: model.sha256 },
        },
      });
      if (screened === 0) return true;
      await releaseLease(store.db, name, holder);
      return false;
    },
    async release(seriesId, model) {
      await releaseLease(store.db, claimName(seriesId, model), holder);
    },
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
