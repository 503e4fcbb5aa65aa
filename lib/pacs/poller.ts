/**
 * The server's PACS poller: every `everyMs` it pulls the configured modalities' recent studies
 * (lib/pacs pull) as the `pacs` actor, renders the opening image of each series that got new
 * instances, and tells `onPulled` so that screening picks them up at once. Polls never overlap;
 * a failed poll is logged by its code and the next one tries again. Failures are logged as counts
 * and error codes, never patient data; every stored instance is in the audit trail as `pacs`.
 */
import { renderOpeningImages, storedSeriesIds } from '../display';
import { DicomWebClient } from '../dicomweb';
import { toErrorInfo } from '../errors';
import { retryDelayMs, type RetryPolicy } from '../screening/retry';
import { getStore, type Store } from '../store';
import { pacsConfigFromEnv, studyDateDaysBefore, type PacsConfig } from './config';
import { pullFromPacs, type PullSummary } from './pull';

/** What an admin sees of the poller: where it pulls from and how the last poll went. */
export interface PacsStatus {
  /** The DICOMweb root, without credentials. */
  url: string;
  modalities: string[];
  lookbackDays: number | null;
  everyMs: number;
  lastPoll: {
    finishedAt: string;
    /** Null when the poll ran; else why the PACS could not be searched. */
    error: { code: string; message: string } | null;
    studies: number;
    stored: number;
    failed: number;
    /** The codes of the instances and studies that failed, each once. */
    failureCodes: string[];
    /** Instances that failed before and wait for their next try (or were given up on). */
    heldBack: number;
  } | null;
}

export interface PacsPoller {
  /** One poll now (or the running one): its summary, or null when it failed as a whole. */
  poll(): Promise<PullSummary | null>;
  status(): PacsStatus;
  stop(): void;
}

function codesOf(summary: PullSummary): string[] {
  const codes = summary.results.flatMap((r) =>
    r.status === 'failed' && r.error ? [r.error.code] : [],
  );
  return [...new Set(codes)];
}

/**
 * Instances that failed are tried again on the screening queue's schedule (1, 4, 16, 64 minutes,
 * then not until the server restarts), so a file the PACS holds that can never be stored is not
 * downloaded and logged at every poll.
 */
class FailedInstances {
  private readonly failures = new Map<string, { attempts: number; retryAt: number }>();

  constructor(private readonly policy?: RetryPolicy) {}

  holdBack = (sopUid: string): boolean => (this.failures.get(sopUid)?.retryAt ?? 0) > Date.now();

  /** Once an instance is stored the store knows it and nothing asks here again. */
  record(summary: PullSummary): void {
    for (const sopUid of summary.failedInstances) {
      const attempts = (this.failures.get(sopUid)?.attempts ?? 0) + 1;
      const delay = retryDelayMs(attempts, this.policy);
      this.failures.set(sopUid, {
        attempts,
        retryAt: delay === null ? Number.POSITIVE_INFINITY : Date.now() + delay,
      });
    }
  }
}

export function startPacsPoller(
  store: Store,
  config: PacsConfig,
  onPulled: (summary: PullSummary) => void = () => {},
  retry?: RetryPolicy,
): PacsPoller {
  const client = new DicomWebClient(config.dicomWeb);
  const failures = new FailedInstances(retry);
  const settled = new Map<string, number>();
  let running: Promise<PullSummary | null> | null = null;
  let lastPoll: PacsStatus['lastPoll'] = null;
  const pollOnce = async (): Promise<PullSummary | null> => {
    try {
      const summary = await pullFromPacs(
        store,
        client,
        {
          modalities: config.modalities,
          studyDateFrom:
            config.lookbackDays === null ? undefined : studyDateDaysBefore(config.lookbackDays),
          holdBack: failures.holdBack,
          settled,
        },
        { system: 'pacs' },
      );
      failures.record(summary);
      if (summary.stored > 0) {
        await renderOpeningImages(store, storedSeriesIds(summary.results));
        onPulled(summary);
      }
      const failureCodes = codesOf(summary);
      if (summary.failed > 0) {
        console.error(
          `pacs: ${summary.failed} failed (${failureCodes.join(', ')}), ${summary.stored} stored`,
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
    lastPoll,
  });
  return { poll, status, stop: () => clearInterval(timer) };
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
    return config ? startPacsPoller(await getStore(), config, onPulled) : null;
  })().catch((error: unknown) => {
    shared.secondlookPacsPoller = undefined;
    throw error;
  });
  return shared.secondlookPacsPoller;
}
