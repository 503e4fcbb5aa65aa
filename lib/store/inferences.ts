import { audited } from '../audit';
import { actorFields, type Actor } from '../auth/users';
import { SecondlookError } from '../errors';
import type { Db, Tx } from './db';
import type { Inference, ModelVersion, PacsResult } from './generated/sqlite/client';
import { refreshWorklistKeys } from './worklist-keys';

/** Why an input is outside the model's intended use (lib/inference's OutOfScopeReason). */
export interface OutOfScopeReason {
  code: string;
  /** `block`: no scores were given; `advisory`: scores were given with this reason. */
  severity: 'block' | 'advisory';
  message: string;
}

/** One model run on a series, as lib/inference reports it (Finding is lib/inference's shape). */
export interface InferenceInput {
  seriesId: number;
  model: ModelIdentity;
  /** The runtime and execution provider that ran; null when no model ran (out of scope). */
  provider: string | null;
  inputSha256: string;
  /**
   * The image the model saw: an instance of the series whose sha256 is inputSha256, and its
   * 1-based frame (1 when left out). Left out, the instance is the series' one with those bytes
   * when it has a single frame (a multi-frame one needs the frame said).
   */
  instanceId?: number;
  frame?: number;
  /** Null when a blocking out-of-scope reason stopped scoring. */
  probabilities: Record<string, number> | null;
  findings: {
    label: string;
    probability: number;
    operatingPoint: string;
    threshold: number;
    flagged: boolean;
  }[];
  timings: Record<string, number>;
  /** Intended-use reasons: blocking ones when probabilities is null, else advisories. */
  outOfScope?: OutOfScopeReason[];
  saliency?: Record<string, unknown> | null;
  startedAt: Date;
  finishedAt: Date;
}

export interface InferenceView {
  id: number;
  seriesId: number;
  model: ModelIdentity;
  provider: string | null;
  inputSha256: string;
  /** The screened image (instance and 1-based frame); null when it cannot be told. */
  instanceId: number | null;
  frame: number | null;
  probabilities: Record<string, number> | null;
  findings: InferenceInput['findings'];
  timings: Record<string, number>;
  outOfScope: OutOfScopeReason[];
  saliency: Record<string, unknown> | null;
  startedAt: string;
  finishedAt: string;
  /** When its Secondary Capture was stored in the PACS (lib/pacs send); null when it was not. */
  /** The result in the PACS: its Secondary Capture's series, and its report's (null if none). */
  sentToPacs: {
    sentAt: string;
    seriesInstanceUID: string;
    reportSeriesInstanceUID: string | null;
  } | null;
}

export function toInferenceView(
  row: Inference & { modelVersion: ModelVersion; pacsResult?: PacsResult | null },
): InferenceView {
  return {
    id: row.id,
    seriesId: row.seriesId,
    model: {
      name: row.modelVersion.name,
      version: row.modelVersion.version,
      sha256: row.modelVersion.sha256,
    },
    provider: row.provider,
    inputSha256: row.inputSha256,
    instanceId: row.instanceId,
    frame: row.frame,
    probabilities:
      row.probabilities === null ? null : (JSON.parse(row.probabilities) as Record<string, number>),
    findings: JSON.parse(row.findings) as InferenceInput['findings'],
    timings: JSON.parse(row.timings) as Record<string, number>,
    outOfScope: JSON.parse(row.outOfScope) as OutOfScopeReason[],
    saliency: row.saliency === null ? null : (JSON.parse(row.saliency) as Record<string, unknown>),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    sentToPacs: row.pacsResult
      ? {
          sentAt: row.pacsResult.sentAt.toISOString(),
          seriesInstanceUID: row.pacsResult.seriesInstanceUID,
          reportSeriesInstanceUID: row.pacsResult.reportSeriesInstanceUID,
        }
      : null,
  };
}

const HEX64 = /^[0-9a-f]{64}$/;

function checkReasons(reasons: unknown, fail: (message: string) => Error): void {
  if (!Array.isArray(reasons)) throw fail('outOfScope must be a list');
  for (const reason of reasons as Partial<OutOfScopeReason>[]) {
    if (
      typeof reason?.code !== 'string' ||
      typeof reason.message !== 'string' ||
      (reason.severity !== 'block' && reason.severity !== 'advisory')
    ) {
      throw fail('each outOfScope reason needs a code, a severity (block | advisory), a message');
    }
  }
}

function check(input: InferenceInput): void {
  const fail = (message: string) => new SecondlookError('BAD_INFERENCE', message);
  if (!Number.isSafeInteger(input.seriesId)) throw fail('seriesId must be an integer');
  if (!input.model?.name || !input.model.version || !HEX64.test(input.model.sha256 ?? '')) {
    throw fail('model needs a name, a version and a sha256');
  }
  if (!HEX64.test(input.inputSha256 ?? '')) throw fail('inputSha256 must be 64 hex digits');
  if (input.instanceId !== undefined && !Number.isSafeInteger(input.instanceId))
    throw fail('instanceId must be an integer');
  if (input.frame !== undefined && !(Number.isSafeInteger(input.frame) && input.frame >= 1))
    throw fail('frame must be an integer from 1');
  const reasons = input.outOfScope ?? [];
  checkReasons(reasons, fail);
  if (!Array.isArray(input.findings)) throw fail('findings must be a list');
  if (input.probabilities === null) {
    if (!reasons.some((reason) => reason.severity === 'block'))
      throw fail('probabilities may only be null with a blocking outOfScope reason');
    if (input.findings.length > 0) throw fail('an unscored input has no findings');
    if (input.provider !== null) throw fail('an unscored input has no provider');
  } else {
    if (typeof input.probabilities !== 'object' || Array.isArray(input.probabilities))
      throw fail('probabilities must map labels to numbers');
    for (const p of Object.values(input.probabilities)) {
      if (typeof p !== 'number' || !(p >= 0 && p <= 1))
        throw fail('probabilities must lie in [0, 1]');
    }
    if (typeof input.provider !== 'string' || input.provider.length === 0)
      throw fail('provider is required');
  }
  if (Number.isNaN(input.startedAt?.getTime()) || Number.isNaN(input.finishedAt?.getTime())) {
    throw fail('startedAt and finishedAt must be times');
  }
}

/** A model's identity as the store keys it. */
export interface ModelIdentity {
  name: string;
  version: string;
  sha256: string;
}

/**
 * The series a model result is about (NOT_FOUND when it is gone) and the model's ModelVersion
 * row, created on first sight; for the inference and screening-failure writers.
 */
export async function seriesAndModel(tx: Tx, input: { seriesId: number; model: ModelIdentity }) {
  const series = await tx.series.findUnique({ where: { id: input.seriesId } });
  if (!series) throw new SecondlookError('NOT_FOUND', `no series ${input.seriesId}`);
  const model = await tx.modelVersion.upsert({
    where: { name_version_sha256: input.model },
    create: input.model,
    update: {},
  });
  return { series, model };
}

/**
 * The image an inference is about: the named instance (of the series, with the input's bytes)
 * and frame, or, when none is named, the series' single-frame instance with those bytes.
 */
async function screenedImage(
  tx: Tx,
  input: InferenceInput,
): Promise<{ instanceId: number | null; frame: number | null }> {
  const fail = (message: string) => new SecondlookError('BAD_INFERENCE', message);
  if (input.instanceId === undefined) {
    if (input.frame !== undefined) throw fail('a frame needs its instanceId');
    const instance = await tx.instance.findFirst({
      where: { seriesId: input.seriesId, sha256: input.inputSha256 },
      orderBy: { id: 'asc' },
    });
    return instance && (instance.numberOfFrames ?? 1) <= 1
      ? { instanceId: instance.id, frame: 1 }
      : { instanceId: null, frame: null };
  }
  const instance = await tx.instance.findUnique({ where: { id: input.instanceId } });
  if (!instance || instance.seriesId !== input.seriesId)
    throw fail(`instance ${input.instanceId} is not in series ${input.seriesId}`);
  if (instance.sha256 !== input.inputSha256)
    throw fail(`inputSha256 is not the sha256 of instance ${input.instanceId}`);
  const frame = input.frame ?? 1;
  if (frame > (instance.numberOfFrames ?? 1))
    throw fail(`instance ${input.instanceId} has no frame ${frame}`);
  return { instanceId: instance.id, frame };
}

/**
 * Records an inference for a series (creating its ModelVersion row on first sight) and the
 * `inference.record` audit event, in one transaction; a screening failure of the series by the
 * same model is cleared. For the screening worker and the API.
 */
export async function recordInference(
  db: Db,
  input: InferenceInput,
  actor: Actor,
): Promise<InferenceView> {
  check(input);
  return audited(db, async (tx) => {
    const { series, model } = await seriesAndModel(tx, input);
    const image = await screenedImage(tx, input);
    const outOfScope = input.outOfScope ?? [];
    const row = await tx.inference.create({
      data: {
        seriesId: input.seriesId,
        modelVersionId: model.id,
        provider: input.provider,
        inputSha256: input.inputSha256,
        ...image,
        probabilities: input.probabilities === null ? null : JSON.stringify(input.probabilities),
        findings: JSON.stringify(input.findings),
        timings: JSON.stringify(input.timings),
        outOfScope: JSON.stringify(outOfScope),
        saliency: input.saliency ? JSON.stringify(input.saliency) : null,
        startedAt: input.startedAt,
        finishedAt: input.finishedAt,
      },
      include: { modelVersion: true },
    });
    await tx.screeningFailure.deleteMany({
      where: { seriesId: input.seriesId, modelVersionId: model.id },
    });
    await refreshWorklistKeys(tx, [series.studyId]);
    return {
      result: toInferenceView(row),
      event: {
        action: 'inference.record',
        ...actorFields(actor),
        subjectType: 'inference',
        subjectId: row.id,
        details: {
          studyId: series.studyId,
          seriesId: input.seriesId,
          model: `${model.name}@${model.version}`,
          modelSha256: model.sha256,
          inputSha256: input.inputSha256,
          ...image,
          provider: input.provider,
          scored: input.probabilities !== null,
          outOfScope: outOfScope.map((reason) => reason.code),
          flagged: input.findings.filter((f) => f.flagged).map((f) => f.label),
        },
      },
    };
  });
}

/**
 * Series that have instances but no inference by the given model yet: the screening queue.
 * A series whose screening by the model failed waits until its failure's retryAt (for ever
 * when that is null), unless `modelLoads` says the model loads now and the failure was the
 * model's (MODEL_UNAVAILABLE): then the series is due at once, even if it was given up on.
 */
export async function seriesAwaitingInference(
  db: Db,
  model: ModelIdentity,
  now: Date = new Date(),
  { modelLoads = false }: { modelLoads?: boolean } = {},
) {
  return db.series.findMany({
    where: {
      instances: { some: {} },
      inferences: { none: { modelVersion: model } },
      screeningFailures: {
        none: {
          modelVersion: model,
          OR: [{ retryAt: null }, { retryAt: { gt: now } }],
          ...(modelLoads ? { code: { not: 'MODEL_UNAVAILABLE' } } : {}),
        },
      },
    },
    orderBy: { id: 'asc' },
    include: { instances: { orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }] } },
  });
}
