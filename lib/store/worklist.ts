import type { SessionUser } from '../auth/roles';
import { isDiscordant, type FindingDecision } from '../review';
import type { Db } from './db';
import type { InferenceInput } from './inferences';

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
    status: 'none' | 'screened';
    topProbability: number | null;
    topLabel: string | null;
    flaggedFindings: string[];
    inferenceId: number | null;
    model: string | null;
  };
  myReview: {
    status: 'none' | 'draft' | 'signed' | 'amended';
    reviewId: number | null;
    discordant: boolean | null;
  };
  createdAt: string;
}

const STUDY_INCLUDE = {
  series: {
    select: {
      id: true,
      modality: true,
      _count: { select: { instances: true } },
      inferences: { orderBy: { id: 'desc' }, take: 1, include: { modelVersion: true } },
    },
  },
} as const;

type Reviewish = { id: number; signedAt: Date | null; decisions: string; amendsId: number | null };

/** The AI summary of a study: the latest inference of each series, the most suspicious wins. */
function aiSummary(
  series: {
    inferences: { id: number; findings: string; modelVersion: { name: string; version: string } }[];
  }[],
): WorklistItem['ai'] {
  let best: WorklistItem['ai'] | null = null;
  for (const s of series) {
    const inference = s.inferences[0];
    if (!inference) continue;
    const findings = JSON.parse(inference.findings) as InferenceInput['findings'];
    const top = findings.reduce<(typeof findings)[number] | null>(
      (a, b) => (a && a.probability >= b.probability ? a : b),
      null,
    );
    const candidate: WorklistItem['ai'] = {
      status: 'screened',
      topProbability: top?.probability ?? null,
      topLabel: top?.label ?? null,
      flaggedFindings: findings.filter((f) => f.flagged).map((f) => f.label),
      inferenceId: inference.id,
      model: `${inference.modelVersion.name}@${inference.modelVersion.version}`,
    };
    if (!best || (candidate.topProbability ?? -1) > (best.topProbability ?? -1)) best = candidate;
  }
  return (
    best ?? {
      status: 'none',
      topProbability: null,
      topLabel: null,
      flaggedFindings: [],
      inferenceId: null,
      model: null,
    }
  );
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

function loadStudies(db: Pick<Db, 'study'>, viewer: SessionUser, where: { id?: number } = {}) {
  return db.study.findMany({
    where,
    include: {
      ...STUDY_INCLUDE,
      reviews: {
        where: { readerId: viewer.id },
        select: { id: true, signedAt: true, decisions: true, amendsId: true },
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
    createdAt: study.createdAt.toISOString(),
  };
}

/**
 * The worklist for a reader: every study with what the worklist shows, most suspicious first
 * (highest AI top probability; unscreened studies last), then newest.
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
