import type { SessionUser } from '../auth/roles';
import { isDiscordant, type FindingDecision } from '../review';
import type { Db } from './db';
import type { InferenceInput, OutOfScopeReason } from './inferences';

/**
 * A study's screening status. pending: a series is queued, running or not screened yet;
 * retrying: none is pending and a screening threw, to be tried again at `error.retryAt`;
 * failed: a screening threw and the queue gave up on it (and none is retrying); screened: a
 * series was scored; out-of-scope: no series is inside the intended use.
 */
export type ScreeningStatus = 'pending' | 'retrying' | 'failed' | 'screened' | 'out-of-scope';

export interface WorklistItem {
  studyId: number;
  studyInstanceUID: string;
  patientName: string | null;
  patientId: string | null;
  studyDate: string | null;
  studyDescription: string | null;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
  ai: {
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
  };
  myReview: {
    status: 'none' | 'draft' | 'signed' | 'amended';
    reviewId: number | null;
    discordant: boolean | null;
  };
  /** Signed reviews of the study by other readers (an amended review counts once). */
  othersSigned: number;
  createdAt: string;
}

const STUDY_INCLUDE = {
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

type Reviewish = { id: number; signedAt: Date | null; decisions: string; amendsId: number | null };

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
function aiSummary(series: SeriesSummary[]): WorklistItem['ai'] {
  const ai: WorklistItem['ai'] = {
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

/** The viewer's own review state: the newest signed read (after amendments), else a draft. */
export function reviewSummary(reviews: Reviewish[]): WorklistItem['myReview'] {
  const amended = new Set(reviews.map((r) => r.amendsId).filter((id): id is number => id !== null));
  const signed = reviews
    .filter((r) => r.signedAt !== null && !amended.has(r.id))
    .sort((a, b) => b.id - a.id)[0];
  if (signed) {
    return {
      status: signed.amendsId !== null ? 'amended' : 'signed',
      reviewId: signed.id,
      discordant: isDiscordant(JSON.parse(signed.decisions) as FindingDecision[]),
    };
  }
  const draft = reviews.filter((r) => r.signedAt === null).sort((a, b) => b.id - a.id)[0];
  return draft
    ? { status: 'draft', reviewId: draft.id, discordant: null }
    : { status: 'none', reviewId: null, discordant: null };
}

type StudyRow = Awaited<ReturnType<typeof loadStudies>>[number];

function loadStudies(
  db: Pick<Db, 'study'>,
  viewer: SessionUser,
  where: { id?: number | { not: number }; patientId?: string } = {},
) {
  return db.study.findMany({
    where,
    include: {
      ...STUDY_INCLUDE,
      reviews: {
        where: { readerId: viewer.id },
        select: { id: true, signedAt: true, decisions: true, amendsId: true },
      },
      _count: {
        select: {
          reviews: {
            where: { readerId: { not: viewer.id }, signedAt: { not: null }, amendedBy: null },
          },
        },
      },
    },
  });
}

export function toWorklistItem(study: StudyRow): WorklistItem {
  return {
    studyId: study.id,
    studyInstanceUID: study.studyInstanceUID,
    patientName: study.patientName,
    patientId: study.patientId,
    studyDate: study.studyDate,
    studyDescription: study.studyDescription,
    modalities: [
      ...new Set(study.series.map((s) => s.modality).filter((m): m is string => !!m)),
    ].sort(),
    seriesCount: study.series.length,
    instanceCount: study.series.reduce((sum, s) => sum + s._count.instances, 0),
    ai: aiSummary(study.series),
    myReview: reviewSummary(study.reviews),
    othersSigned: study._count.reviews,
    createdAt: study.createdAt.toISOString(),
  };
}

/**
 * The worklist for a reader: every study with what the worklist shows, most suspicious first
 * (highest AI top probability; unscored studies last), then newest.
 */
export async function listWorklist(
  db: Db,
  viewer: SessionUser,
  page: { limit?: number; offset?: number } = {},
): Promise<WorklistItem[]> {
  const items = (await loadStudies(db, viewer)).map(toWorklistItem);
  items.sort(
    (a, b) =>
      (b.ai.topProbability ?? -1) - (a.ai.topProbability ?? -1) ||
      b.createdAt.localeCompare(a.createdAt) ||
      b.studyId - a.studyId,
  );
  const offset = Math.max(0, page.offset ?? 0);
  return items.slice(offset, offset + Math.min(500, Math.max(1, page.limit ?? 200)));
}

export { loadStudies };
