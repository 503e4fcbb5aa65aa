import type { SessionUser } from '../auth/roles';
import { liveSessions } from '../auth/session-policy';
import { aiSummary, STUDY_INCLUDE, type AiSummary } from './ai-summary';
import type { Db } from './db';

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
  ai: AiSummary;
  myReview: {
    status: 'none' | 'draft' | 'signed' | 'amended';
    reviewId: number | null;
    discordant: boolean | null;
  };
  /** Signed reviews of the study by other readers (an amended review counts once). */
  othersSigned: number;
  /**
   * Other readers' unsigned drafts of the study, oldest first, with when each was started and
   * whether its reader is signed in now (reading, so two readers see that they read the same
   * study), or not (a draft left behind); never what a draft says.
   */
  othersReading: { reader: string; since: string; signedIn: boolean }[];
  createdAt: string;
}

type Reviewish = {
  id: number;
  signedAt: Date | null;
  discordant: boolean;
  amendsId: number | null;
};

/**
 * The viewer's own review state: the newest signed read (after amendments), else a draft.
 * Discordant when any of their signed reads still standing disagrees with the AI.
 */
function reviewSummary(reviews: Reviewish[]): WorklistItem['myReview'] {
  const amended = new Set(reviews.map((r) => r.amendsId).filter((id): id is number => id !== null));
  const standing = reviews
    .filter((r) => r.signedAt !== null && !amended.has(r.id))
    .sort((a, b) => b.id - a.id);
  const signed = standing[0];
  if (signed) {
    return {
      status: signed.amendsId !== null ? 'amended' : 'signed',
      reviewId: signed.id,
      discordant: standing.some((r) => r.discordant),
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
  where: { id?: number | { not: number } | { in: number[] }; patientId?: string } = {},
) {
  return db.study.findMany({
    where,
    include: {
      ...STUDY_INCLUDE,
      reviews: {
        // The viewer's own reviews, and every reader's drafts.
        where: { OR: [{ readerId: viewer.id }, { signedAt: null }] },
        select: {
          id: true,
          readerId: true,
          signedAt: true,
          startedAt: true,
          discordant: true,
          amendsId: true,
          reader: {
            select: {
              username: true,
              sessions: { where: liveSessions(), select: { id: true }, take: 1 },
            },
          },
        },
        orderBy: { id: 'asc' },
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

/** A study as the worklist shows it to `viewer` (whose reviews loadStudies read with it). */
export function toWorklistItem(study: StudyRow, viewer: SessionUser): WorklistItem {
  const mine = study.reviews.filter((review) => review.readerId === viewer.id);
  const othersDrafts = study.reviews.filter(
    (review) => review.readerId !== viewer.id && review.signedAt === null,
  );
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
    myReview: reviewSummary(mine),
    othersSigned: study._count.reviews,
    othersReading: othersDrafts.map((review) => ({
      reader: review.reader.username,
      since: review.startedAt.toISOString(),
      signedIn: review.reader.sessions.length > 0,
    })),
    createdAt: study.createdAt.toISOString(),
  };
}

export { loadStudies };
