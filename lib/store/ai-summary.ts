import type { InferenceInput, OutOfScopeReason } from './inferences';

/**
 * A study's screening status. pending: a series is queued, running or not screened yet;
 * retrying: none is pending and a screening threw, to be tried again at `error.retryAt`;
 * failed: a screening threw and the queue gave up on it (and none is retrying); screened: a
 * series was scored; out-of-scope: no series is inside the intended use.
 */
export type ScreeningStatus = 'pending' | 'retrying' | 'failed' | 'screened' | 'out-of-scope';

export const SCREENING_STATUSES: readonly ScreeningStatus[] = [
  'pending',
  'retrying',
  'failed',
  'screened',
  'out-of-scope',
];

/** A study's AI summary, as the worklist shows it. */
export interface AiSummary {
  status: ScreeningStatus;
  /** Series scored by the model. */
  screenedSeries: number;
  /** Series not (yet) known to be outside the intended use. */
  eligibleSeries: number;
  topProbability: number | null;
  topLabel: string | null;
  flaggedFindings: string[];
  /** The most suspicious scored inference, else the latest out-of-scope one. */
  inferenceId: number | null;
  model: string | null;
  /** The blocking reasons of the series outside the intended use, each once. */
  outOfScope: OutOfScopeReason[];
  /**
   * The latest failed screening of a series, one still retrying first, else one given up
   * (codes and messages, never patient data).
   */
  error: { code: string; message: string; attempts: number; retryAt: string | null } | null;
}

/** What aiSummary reads of a study: each series with its latest inference and failure. */
export const STUDY_INCLUDE = {
  series: {
    select: {
      id: true,
      modality: true,
      _count: { select: { instances: true } },
      inferences: { orderBy: { id: 'desc' }, take: 1, include: { modelVersion: true } },
      screeningFailures: { orderBy: { failedAt: 'desc' }, take: 1 },
    },
  },
} as const;

interface SeriesSummary {
  _count: { instances: number };
  inferences: {
    id: number;
    probabilities: string | null;
    findings: string;
    outOfScope: string;
    modelVersion: { name: string; version: string };
  }[];
  screeningFailures: {
    code: string;
    message: string;
    attempts: number;
    failedAt: Date;
    retryAt: Date | null;
  }[];
}

type Finding = InferenceInput['findings'][number];
type Failure = SeriesSummary['screeningFailures'][number];

/**
 * The AI summary of a study from the latest inference (or failure) of each series with
 * instances: the most suspicious scored series gives the probability and findings.
 */
export function aiSummary(series: SeriesSummary[]): AiSummary {
  const ai: AiSummary = {
    status: 'pending',
    screenedSeries: 0,
    eligibleSeries: 0,
    topProbability: null,
    topLabel: null,
    flaggedFindings: [],
    inferenceId: null,
    model: null,
    outOfScope: [],
    error: null,
  };
  let pending = 0;
  let retrying: Failure | null = null;
  let failed: Failure | null = null;
  let outOfScope = 0;
  const latest = (a: Failure | null, b: Failure) => (a && a.failedAt >= b.failedAt ? a : b);
  for (const s of series) {
    if (s._count.instances === 0) continue;
    const inference = s.inferences[0];
    const failure = s.screeningFailures[0];
    if (!inference) {
      ai.eligibleSeries++;
      if (!failure) pending++;
      else if (failure.retryAt) retrying = latest(retrying, failure);
      else failed = latest(failed, failure);
      continue;
    }
    const model = `${inference.modelVersion.name}@${inference.modelVersion.version}`;
    if (inference.probabilities === null) {
      outOfScope++;
      for (const reason of JSON.parse(inference.outOfScope) as OutOfScopeReason[]) {
        const known = ai.outOfScope.some(
          (r) => r.code === reason.code && r.message === reason.message,
        );
        if (reason.severity === 'block' && !known) ai.outOfScope.push(reason);
      }
      if (ai.screenedSeries === 0) Object.assign(ai, { inferenceId: inference.id, model });
      continue;
    }
    ai.eligibleSeries++;
    const findings = JSON.parse(inference.findings) as Finding[];
    const top = findings.reduce<Finding | null>(
      (a, b) => (a && a.probability >= b.probability ? a : b),
      null,
    );
    const first = ai.screenedSeries++ === 0;
    if (first || (top?.probability ?? -1) > (ai.topProbability ?? -1)) {
      Object.assign(ai, {
        topProbability: top?.probability ?? null,
        topLabel: top?.label ?? null,
        flaggedFindings: [...new Set(findings.filter((f) => f.flagged).map((f) => f.label))],
        inferenceId: inference.id,
        model,
      });
    }
  }
  const failure = retrying ?? failed;
  if (failure) {
    ai.error = {
      code: failure.code,
      message: failure.message,
      attempts: failure.attempts,
      retryAt: failure.retryAt?.toISOString() ?? null,
    };
  }
  if (pending > 0) ai.status = 'pending';
  else if (retrying) ai.status = 'retrying';
  else if (failed) ai.status = 'failed';
  else if (ai.screenedSeries > 0) ai.status = 'screened';
  else if (outOfScope > 0) ai.status = 'out-of-scope';
  return ai;
}
