/**
 * The app's screening service: one queue per server process over the shipped model and the
 * store. Uploads enqueue their series at once; a periodic sweep picks up series that arrived
 * another way (`secondlook import`, the demo set) or were left waiting by a restart, so the
 * worklist fills in without anyone asking. A model folder that does not load stops nothing:
 * each waiting series is recorded as failed (MODEL_UNAVAILABLE, with why) and retried on the
 * retry policy's schedule, loading the model again each time until it loads; once it does, every
 * series that failed only for that is screened, given up on or not.
 */
import path from 'node:path';
import { createNodeSession, type ModelIdentity } from '../inference/node';
import type { Store } from '../store';
import { toErrorInfo } from '../errors';
import { getStore } from '../store';
import { ModelFolder } from './model-folder';
import { ScreeningQueue } from './queue';
import type { RetryPolicy } from './retry';
import { enqueueAwaiting, storeBackend } from './store-backend';

export interface ScreeningService {
  queue: ScreeningQueue;
  /** The model it screens with (what the folder claims while it does not load). */
  readonly model: ModelIdentity;
  /** Enqueues every series of this store that the shipped model has not screened yet. */
  sweep(): Promise<number>;
  /** Whether the model folder loads now (a folder that did not is tried again). */
  modelLoads(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface ScreeningServiceOptions {
  modelDir?: string;
  /** Milliseconds between sweeps; 0 turns the periodic sweep off. */
  sweepEveryMs?: number;
  /** When failed screenings are tried again (DEFAULT_RETRY). */
  retry?: RetryPolicy;
}

/** The model folder the server screens with and the model page describes. */
export function defaultModelDir(): string {
  return process.env.SECONDLOOK_MODEL_DIR ?? path.join(process.cwd(), 'models', 'pneumonia-cxr');
}

export async function startScreeningService(
  store: Store,
  options: ScreeningServiceOptions = {},
): Promise<ScreeningService> {
  const { folder, error } = await ModelFolder.open(options.modelDir ?? defaultModelDir());
  // The message names the model and the cause (codes, file names and checksums, no patient data).
  if (error) console.error(`screening: ${error.message}; waiting series fail and are retried`);
  const backend = storeBackend(store, { retry: options.retry });
  const queue = new ScreeningQueue(
    folder.identity,
    async () => createNodeSession(await folder.load()),
    backend,
    {
      onError: (seriesId, failure) =>
        console.error(`screening: series ${seriesId} failed (${failure.code})`),
    },
  );
  // Each sweep tries a folder that did not load, so one repaired after its series were given up
  // on is picked up within a sweep, not at the next restart.
  const modelLoads = () =>
    folder.load().then(
      () => true,
      () => false,
    );
  const sweep = async () =>
    enqueueAwaiting(queue, store, folder.identity, { modelLoads: await modelLoads() });
  const everyMs = options.sweepEveryMs ?? 15_000;
  const timer =
    everyMs > 0
      ? setInterval(() => {
          sweep().catch((error: unknown) =>
            console.error(`screening: sweep failed (${codeOf(error)})`),
          );
        }, everyMs)
      : null;
  timer?.unref();
  await sweep();
  return {
    queue,
    get model() {
      return folder.identity;
    },
    sweep,
    modelLoads,
    async stop() {
      if (timer) clearInterval(timer);
      await queue.close();
    },
  };
}

const codeOf = (error: unknown) => toErrorInfo(error).code;

const shared = globalThis as typeof globalThis & {
  secondlookScreening?: Promise<ScreeningService>;
};

/**
 * Starts the server's screening service over the process-wide store (once; Next's
 * instrumentation hook calls this at start-up). `SECONDLOOK_SCREENING=off` leaves it off.
 */
export function startAppScreening(): Promise<ScreeningService> | null {
  if (process.env.SECONDLOOK_SCREENING === 'off') return null;
  shared.secondlookScreening ??= getStore()
    .then((store) => startScreeningService(store))
    .catch((error: unknown) => {
      shared.secondlookScreening = undefined;
      throw error;
    });
  return shared.secondlookScreening;
}

/** The screening service this server process runs, if it started one (it starts none here). */
export async function appScreening(): Promise<ScreeningService | null> {
  return (await shared.secondlookScreening?.catch(() => null)) ?? null;
}

/** After an ingest: lets a running service pick up the new series now, not at the next sweep. */
export function notifyIngested(): void {
  void shared.secondlookScreening
    ?.then((service) => service.sweep())
    .catch((error: unknown) => console.error(`screening: sweep failed (${codeOf(error)})`));
}
