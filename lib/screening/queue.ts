/**
 * The background screening queue of one model: in-process, one series at a time, never awaited
 * by the request that enqueued it. For each series it picks the first instance that is inside
 * the model's intended use (CR/DX, frontal, greyscale, large enough), screens it (scores +
 * Grad-CAM summary) and records the outcome; a series with no eligible instance is recorded with
 * the reasons, and a screening that throws is recorded as a failure with its error code and
 * message. Storage is behind `ScreeningBackend`, so the queue knows nothing of Prisma; server
 * processes that share a database claim each series there first, so one of them screens it.
 */
import { decodeFrame, parseDicom, readInstanceMetadata, readPixelModule } from '../dicom';
import { foreignMessage, SecondlookError, toErrorInfo, type ErrorInfo } from '../errors';
import { renderDisplay } from '../imaging';
import {
  blocksScoring,
  checkScope,
  dicomScopeFacts,
  modelIdentity,
  type ModelIdentity,
  type ModelSession,
  type OutOfScopeReason,
  type ProviderReport,
} from '../inference';
import { screenImages, type ScreeningResult } from './screen-images';

export interface SeriesJob {
  seriesId: number;
  /** In reading order; the first eligible one is screened. */
  instanceIds: number[];
}

export interface ScreeningOutcome {
  seriesId: number;
  model: ModelIdentity;
  provider: ProviderReport;
  /** The screened instance or, when none was eligible, the first one examined. */
  instanceId: number;
  /** The 1-based frame of instanceId that was screened (the queue screens the first). */
  frame: number;
  inputSha256: string;
  /** Scores and CAM summary of the screened instance (null when none was eligible). */
  result: ScreeningResult | null;
  /** Why the series was not screened (the first instance's reasons), or the result's advisories. */
  outOfScope: OutOfScopeReason[];
  startedAt: Date;
  finishedAt: Date;
}

/** A series whose screening threw: the error as a value (code, message; no patient data). */
export interface ScreeningFailure {
  seriesId: number;
  model: ModelIdentity;
  error: ErrorInfo;
  failedAt: Date;
}

export interface ScreeningBackend {
  readInstance(instanceId: number): Promise<{ bytes: Uint8Array; sha256: string }>;
  record(outcome: ScreeningOutcome): Promise<void>;
  recordFailure(failure: ScreeningFailure): Promise<void>;
  /**
   * Takes a series for this queue before it is screened: false when another server process's
   * queue has it, or the model has screened it since it was enqueued. A backend that no other
   * process shares need not have it (every series is then taken).
   */
  claim?(seriesId: number, model: ModelIdentity): Promise<boolean>;
  /** Gives a claimed series up once it is recorded (or failed). */
  release?(seriesId: number, model: ModelIdentity): Promise<void>;
}

export interface ScreeningQueueOptions {
  /** How many instances of a series to examine for an eligible one (headers only). */
  maxCandidates?: number;
  /**
   * Called with the error of a series that failed (codes and messages only, no patient data),
   * after the backend recorded it, or with the backend's own error when it could not.
   */
  onError?: (seriesId: number, error: ErrorInfo) => void;
}

/** The frame of an instance the queue screens (1-based). */
const SCREENED_FRAME = 1;

/** Lets requests and I/O run between the CPU-bound steps. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ScreeningQueue {
  private readonly jobs: SeriesJob[] = [];
  private readonly queued = new Set<number>();
  private running: Promise<void> | null = null;
  private session: Promise<ModelSession> | null = null;
  /** The model of the open session (null until one opened). */
  private opened: ModelIdentity | null = null;
  private openFailed = false;

  constructor(
    /** The model the queue is for: failures are recorded against it until a session opens. */
    private readonly model: ModelIdentity,
    private readonly openSession: () => Promise<ModelSession>,
    private readonly backend: ScreeningBackend,
    private readonly options: ScreeningQueueOptions = {},
  ) {}

  /** Adds a series; returns at once (false when it is already waiting or running). */
  enqueue(job: SeriesJob): boolean {
    if (this.queued.has(job.seriesId)) return false;
    this.queued.add(job.seriesId);
    this.jobs.push(job);
    this.running ??= this.drain();
    return true;
  }

  /** Series waiting or running. */
  get pending(): number {
    return this.queued.size;
  }

  /** Resolves once every enqueued series has been handled. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Releases the model session (after whenIdle). */
  async close(): Promise<void> {
    await this.whenIdle();
    if (this.session) await (await this.session).release();
    this.session = null;
  }

  private async drain(): Promise<void> {
    await yieldToEventLoop();
    for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
      let claimed = false;
      try {
        claimed = (await this.backend.claim?.(job.seriesId, this.model)) ?? true;
        if (claimed) await this.screen(job);
      } catch (error) {
        await this.fail(job.seriesId, toErrorInfo(error));
      } finally {
        if (claimed) await this.backend.release?.(job.seriesId, this.model).catch(() => undefined);
        this.queued.delete(job.seriesId);
      }
      await yieldToEventLoop();
    }
    if (this.openFailed) this.session = null;
    this.openFailed = false;
    this.running = null;
  }

  private async fail(seriesId: number, error: ErrorInfo): Promise<void> {
    try {
      await this.backend.recordFailure({
        seriesId,
        model: this.opened ?? this.model,
        error,
        failedAt: new Date(),
      });
      this.options.onError?.(seriesId, error);
    } catch (recordError) {
      this.options.onError?.(seriesId, toErrorInfo(recordError));
    }
  }

  /**
   * The model session, opened on first use. One that failed to open fails the rest of this
   * drain's series with the same error (a broken model is tried once per drain, not once per
   * series) and is tried again by the next drain.
   */
  private async currentSession(): Promise<ModelSession> {
    this.session ??= this.openSession().then(
      (session) => {
        this.opened = modelIdentity(session);
        return session;
      },
      (error: unknown) => {
        this.openFailed = true;
        if (error instanceof SecondlookError) throw error;
        throw new SecondlookError(
          'MODEL_SESSION',
          `the model session could not start: ${foreignMessage(error)}`,
        );
      },
    );
    return this.session;
  }

  private async screen(job: SeriesJob): Promise<void> {
    const startedAt = new Date();
    const session = await this.currentSession();
    let first: { instanceId: number; sha256: string; reasons: OutOfScopeReason[] } | null = null;
    for (const instanceId of job.instanceIds.slice(0, this.options.maxCandidates ?? 16)) {
      const { bytes, sha256 } = await this.backend.readInstance(instanceId);
      const file = `instance ${instanceId}`;
      const dicom = parseDicom(bytes, { file });
      const meta = readInstanceMetadata(dicom);
      const facts = dicomScopeFacts(meta, {
        samplesPerPixel: meta.samplesPerPixel ?? 1,
        rows: meta.rows ?? 0,
        columns: meta.columns ?? 0,
      });
      const reasons = checkScope(facts, session.model.manifest.intendedUse);
      first ??= { instanceId, sha256, reasons };
      if (blocksScoring(reasons)) continue;
      await yieldToEventLoop();
      const image = renderDisplay(
        await decodeFrame(dicom, SCREENED_FRAME - 1),
        readPixelModule(dicom),
      );
      await yieldToEventLoop();
      const [result] = await screenImages(session, [{ image, facts }]);
      await this.backend.record({
        seriesId: job.seriesId,
        model: modelIdentity(session),
        provider: session.provider,
        instanceId,
        frame: SCREENED_FRAME,
        inputSha256: sha256,
        result: result!,
        outOfScope: result!.outOfScope,
        startedAt,
        finishedAt: new Date(),
      });
      return;
    }
    if (!first)
      throw new SecondlookError('NO_INSTANCES', `series ${job.seriesId} has no instances`);
    await this.backend.record({
      seriesId: job.seriesId,
      model: modelIdentity(session),
      provider: session.provider,
      instanceId: first.instanceId,
      frame: SCREENED_FRAME,
      inputSha256: first.sha256,
      result: null,
      outOfScope: first.reasons,
      startedAt,
      finishedAt: new Date(),
    });
  }
}
