/**
 * The server's PACS poller: every `everyMs` it pulls the configured modalities' recent studies
 * (lib/pacs pull) as the `pacs` actor, renders the opening image of each series that got new
 * instances, and tells `onPulled` so that screening picks them up at once; with `sendResults` on,
 * it then sends the results screened since the last poll of the studies it listed (lib/pacs send),
 * with the screening model. Polls never overlap; a failed poll is logged by its code and the next
 * one tries again. Failures are logged as counts and error codes, never patient data; every
 * stored instance and sent result is in the audit trail as `pacs`. With `sendReviews`, the readers'
 * signed reviews follow as structured reports (lib/pacs send-reviews), of those studies and of
 * older ones the PACS still holds. Server processes that share a database take turns through a
 * lease (PACS_LEASE): one polls, the others stand by. A long poll
 * (a PACS's first, with years of studies) renews the lease as it goes, and stops where it is if
 * the lease went to another process all the same, so two processes never pull side by side.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { renderOpeningImages, storedSeriesIds } from '../display';
import { DicomWebClient } from '../dicomweb';
import { toErrorInfo, type ErrorInfo } from '../errors';
import {
  createNodeSession,
  loadModelFromDir,
  readManifestFromDir,
  type ModelSession,
} from '../inference/node';
import type { RetryPolicy } from '../screening/retry';
import { defaultModelDir } from '../screening/service';
import { acquireLease, getStore, leaseKeeper, releaseLease, type Store } from '../store';
import {
  cleartextWarning,
  pacsConfigFromEnv,
  studyDateDaysBefore,
  type PacsConfig,
} from './config';
import { failureSchedule, type FailureSchedule } from './failures';
import { pullFromPacs, type PullSummary } from './pull';
import { sendResults } from './send';
import { reviewStudyFinder, sendReviews } from './send-reviews';
import { settledStudies } from './settled';

/** What an admin sees of the poller: where it pulls from and how the last poll went. */
export interface PacsStatus {
  /** The DICOMweb root, without credentials. */
  url: string;
  modalities: string[];
  lookbackDays: number | null;
  everyMs: number;
  sendResults: PacsConfig['sendResults'];
  sendReviews: boolean;
  /**
   * Another server process on the same database holds the PACS lease and polls; this one stands
   * by and takes over when that one stops or its lease lapses.
   */
  standby: boolean;
  lastPoll: {
    finishedAt: string;
    /** Null when the poll ran; else why the PACS could not be searched. */
    error: { code: string; message: string } | null;
    studies: number;
    stored: number;
    failed: number;
    /** The codes of the instances and studies that failed, each once. */
    failureCodes: string[];
    /** Instances that failed before and wait for their next try (lib/pacs failures). */
    heldBack: number;
    /** Results stored in the PACS by this poll, and those that failed (codes in failureCodes). */
    sent: number;
    sendFailed: number;
    /** Signed reviews stored in the PACS by this poll, and those that failed. */
    reviewsSent: number;
    reviewsFailed: number;
  } | null;
}

export interface PacsPoller {
  /**
   * One poll now (or the running one): its summary, or null when it failed as a whole or another
   * process holds the PACS lease.
   */
  poll(): Promise<PullSummary | null>;
  status(): PacsStatus;
  /** Stops polling, waits for a running poll and closes the model session. */
  stop(): Promise<void>;
}

/** What sending results (or reviews) after a poll came to: counts, and the codes of what failed. */
interface SendOutcome {
  sent: number;
  failed: number;
  codes: string[];
}

const NOTHING_SENT: SendOutcome = { sent: 0, failed: 0, codes: [] };

/**
 * Sends what `sendDue` finds due except what `schedule` holds back, and records on the schedule
 * what failed (to be tried later) and what went (forgotten). Anything thrown fails the sending as a
 * whole, with its code.
 */
async function onSchedule(
  schedule: FailureSchedule,
  sendDue: (held: (key: string) => boolean) => Promise<{ key: string; error: ErrorInfo | null }[]>,
): Promise<SendOutcome> {
  try {
    const results = await sendDue(await schedule.heldBack());
    const failed = results.flatMap(({ key, error }) => (error ? [{ key, code: error.code }] : []));
    await schedule.record(failed);
    await schedule.forget(results.filter((r) => !r.error).map((r) => r.key));
    return {
      sent: results.length - failed.length,
      failed: failed.length,
      codes: failed.map((f) => f.code),
    };
  } catch (error) {
    return { sent: 0, failed: 1, codes: [toErrorInfo(error).code] };
  }
}

function codesOf(pulled: PullSummary, sent: readonly SendOutcome[]): string[] {
  const codes = pulled.results.flatMap((r) =>
    r.status === 'failed' && r.error ? [r.error.code] : [],
  );
  return [...new Set([...codes, ...sent.flatMap((outcome) => outcome.codes)])];
}

/** The screening model's session, opened when a result is first due and kept for later polls. */
function resultSession(modelDir: string) {
  let session: Promise<ModelSession> | null = null;
  return {
    open(): Promise<ModelSession> {
      session ??= loadModelFromDir(modelDir)
        .then(createNodeSession)
        .catch((error: unknown) => {
          session = null;
          throw error;
        });
      return session;
    },
    async release(): Promise<void> {
      const opened = await session?.catch(() => null);
      session = null;
      await opened?.release();
    },
  };
}

export interface PacsPollerOptions {
  /** Told after a poll that stored instances (the server starts screening them). */
  onPulled?: (summary: PullSummary) => void;
  /** When failed instances and results are tried again (the screening queue's DEFAULT_RETRY). */
  retry?: RetryPolicy;
  /** The model results are drawn with (the screening model's folder). */
  modelDir?: string;
  /** How long the lease lasts unrenewed: by default 10 minutes or three polls, the longer. */
  leaseMs?: number;
}

/** The lease the processes sharing a database take turns on: one polls the PACS at a time. */
const PACS_LEASE = 'pacs-poll';

export function startPacsPoller(
  store: Store,
  config: PacsConfig,
  options: PacsPollerOptions = {},
): PacsPoller {
  const { onPulled = () => {}, retry, modelDir = defaultModelDir() } = options;
  const leaseMs = options.leaseMs ?? Math.max(10 * 60_000, 3 * config.everyMs);
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  let standby = false;
  const client = new DicomWebClient(config.dicomWeb);
  const failures = failureSchedule(store.db, 'instance', retry);
  const sendFailures = failureSchedule(store.db, 'result', retry);
  const reviewFailures = failureSchedule(store.db, 'review', retry);
  const model = resultSession(modelDir);
  const policy = config.sendResults;
  /**
   * The results due after a pull. A model that does not load or a store that cannot be read fails
   * the sending as a whole (its code joins the poll's failure codes), never the pull before it.
   */
  const send = (pulled: PullSummary, keepGoing: () => Promise<boolean>) =>
    policy === 'off'
      ? Promise.resolve(NOTHING_SENT)
      : onSchedule(sendFailures, async (held) =>
          (
            await sendResults(
              store,
              client,
              await model.open(),
              {
                studyInstanceUIDs: pulled.studyInstanceUIDs,
                policy,
                holdBack: (inferenceId) => held(String(inferenceId)),
                keepGoing,
              },
              { system: 'pacs' },
            )
          ).results.map((r) => ({ key: String(r.inferenceId), error: r.error })),
        );
  const reviewStudies = reviewStudyFinder(store, client);
  /** The signed reviews due after a pull, as `send` is for results (a manifest must load). */
  const sendSigned = (pulled: PullSummary, keepGoing: () => Promise<boolean>) =>
    !config.sendReviews
      ? Promise.resolve(NOTHING_SENT)
      : onSchedule(reviewFailures, async (held) =>
          (
            await sendReviews(
              store,
              client,
              {
                studyInstanceUIDs: await reviewStudies(pulled.studyInstanceUIDs, (id) =>
                  held(String(id)),
                ),
                labels: (await readManifestFromDir(modelDir)).labels,
                holdBack: (reviewId) => held(String(reviewId)),
                keepGoing,
              },
              { system: 'pacs' },
            )
          ).results.map((r) => ({ key: String(r.reviewId), error: r.error })),
        );
  const settled = settledStudies(store.db, config.modalities);
  let running: Promise<PullSummary | null> | null = null;
  let lastPoll: PacsStatus['lastPoll'] = null;
  const pollOnce = async (): Promise<PullSummary | null> => {
    try {
      standby = !(await acquireLease(store.db, PACS_LEASE, holder, leaseMs));
      if (standby) return null;
      const keepGoing = leaseKeeper(store.db, PACS_LEASE, holder, leaseMs);
      const summary = await pullFromPacs(
        store,
        client,
        {
          modalities: config.modalities,
          studyDateFrom:
            config.lookbackDays === null ? undefined : studyDateDaysBefore(config.lookbackDays),
          holdBack: await failures.heldBack(),
          settled,
          keepGoing,
        },
        { system: 'pacs' },
      );
      await failures.record(
        summary.failedInstances.map(({ sopInstanceUID, code }) => ({ key: sopInstanceUID, code })),
      );
      await failures.forget(summary.storedInstances);
      if (summary.stored > 0) {
        await renderOpeningImages(store, storedSeriesIds(summary.results));
        onPulled(summary);
      }
      const sent = summary.stopped ? NOTHING_SENT : await send(summary, keepGoing);
      const reviews = summary.stopped ? NOTHING_SENT : await sendSigned(summary, keepGoing);
      if (summary.stopped) {
        standby = true;
        console.error('pacs: another server process took the PACS lease; it goes on from here');
      }
      const failureCodes = codesOf(summary, [sent, reviews]);
      if (summary.failed > 0 || sent.failed > 0 || reviews.failed > 0) {
        console.error(
          `pacs: ${summary.failed} failed, ${summary.stored} stored; ${sent.failed} results failed, ${sent.sent} sent; ${reviews.failed} reviews failed, ${reviews.sent} sent (${failureCodes.join(', ')})`,
        );
      }
      lastPoll = {
        finishedAt: new Date().toISOString(),
        error: null,
        studies: summary.studies,
        stored: summary.stored,
        failed: summary.failed,
        failureCodes,
        heldBack: summary.heldBack,
        sent: sent.sent,
        sendFailed: sent.failed,
        reviewsSent: reviews.sent,
        reviewsFailed: reviews.failed,
      };
      return summary;
    } catch (error) {
      const { code, message } = toErrorInfo(error);
      console.error(`pacs: poll failed (${code})`);
      lastPoll = {
        finishedAt: new Date().toISOString(),
        error: { code, message },
        studies: 0,
        stored: 0,
        failed: 0,
        failureCodes: [],
        heldBack: 0,
        sent: 0,
        sendFailed: 0,
        reviewsSent: 0,
        reviewsFailed: 0,
      };
      return null;
    }
  };
  const poll = () => {
    running ??= pollOnce().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void poll(), config.everyMs);
  timer.unref();
  void poll();
  const status = (): PacsStatus => ({
    url: client.origin,
    modalities: config.modalities,
    lookbackDays: config.lookbackDays,
    everyMs: config.everyMs,
    sendResults: config.sendResults,
    sendReviews: config.sendReviews,
    standby,
    lastPoll,
  });
  const stop = async () => {
    clearInterval(timer);
    await running?.catch(() => null);
    await model.release();
    await releaseLease(store.db, PACS_LEASE, holder).catch(() => undefined);
  };
  return { poll, status, stop };
}

const shared = globalThis as typeof globalThis & {
  secondlookPacsPoller?: Promise<PacsPoller | null>;
};

/** The poller this server process runs, if it started one (it starts none here). */
export async function appPacsPoller(): Promise<PacsPoller | null> {
  return (await shared.secondlookPacsPoller?.catch(() => null)) ?? null;
}

/**
 * Starts the server's poller over the process-wide store, once (Next's instrumentation hook calls
 * this at start-up); null when SECONDLOOK_PACS_URL is not set.
 */
export function startAppPacsPoller(
  onPulled?: (summary: PullSummary) => void,
): Promise<PacsPoller | null> {
  shared.secondlookPacsPoller ??= (async () => {
    const config = pacsConfigFromEnv();
    if (!config) return null;
    const warning = cleartextWarning(config.dicomWeb.url);
    if (warning) console.warn(`pacs: ${warning}`);
    return startPacsPoller(await getStore(), config, { onPulled });
  })().catch((error: unknown) => {
    shared.secondlookPacsPoller = undefined;
    throw error;
  });
  return shared.secondlookPacsPoller;
}
