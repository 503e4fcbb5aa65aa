/** `GET /api/studies` pages and rows as app/api/README.md defines them, and their view model. */
import { formatPersonName } from '@/lib/dicom/person-name';
import type { OutOfScopeReason } from '@/lib/inference';
import type { AiStatus, ReviewStatus, ScreeningError, WorklistStudy } from './types';

export interface WorklistItem {
  studyId: number;
  patientName: string | null;
  patientId: string | null;
  /** DICOM DA, YYYYMMDD. */
  studyDate: string | null;
  studyDescription: string | null;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
  ai: {
    status: AiStatus;
    topProbability: number | null;
    topLabel: string | null;
    flaggedFindings: string[];
    screenedSeries: number;
    eligibleSeries: number;
    outOfScope: OutOfScopeReason[];
    error: ScreeningError | null;
  };
  myReview: {
    status: 'none' | 'draft' | 'signed' | 'amended';
    reviewId: number | null;
    discordant: boolean | null;
  };
  othersSigned: number;
  othersReading: { reader: string; since: string; signedIn: boolean }[];
  createdAt: string;
}

/** One page of the worklist, as `GET /api/studies` answers. */
export interface WorklistPage {
  studies: WorklistItem[];
  total: number;
  offset: number;
  limit: number;
  modalities: string[];
  progress: { studies: number; screenedSeries: number; eligibleSeries: number };
  backlog: {
    flaggedUnread: number;
    oldestReceivedAt: string | null;
    latestFlaggedAt: string | null;
  };
}

/** YYYYMMDD -> YYYY-MM-DD; anything else as it is. */
export function isoDate(da: string | null): string | null {
  return da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da;
}

function reviewStatus(item: WorklistItem): ReviewStatus {
  const signed = item.myReview.status === 'signed' || item.myReview.status === 'amended';
  if (signed && item.myReview.discordant) return 'discordant';
  if (signed) return 'read-by-me';
  return item.othersSigned > 0 ? 'read-by-others' : 'unread';
}

export function toWorklistStudy(item: WorklistItem): WorklistStudy {
  return {
    id: String(item.studyId),
    patientName: formatPersonName(item.patientName),
    patientId: item.patientId ?? '',
    studyDate: isoDate(item.studyDate),
    description: item.studyDescription ?? '',
    modalities: item.modalities,
    seriesCount: item.seriesCount,
    receivedAt: item.createdAt,
    ai: {
      status: item.ai.status,
      maxProbability: item.ai.topProbability,
      flagged: item.ai.flaggedFindings,
      screenedSeries: item.ai.screenedSeries,
      eligibleSeries: item.ai.eligibleSeries,
      outOfScope: item.ai.outOfScope,
      error: item.ai.error,
    },
    review: {
      status: reviewStatus(item),
      othersSigned: item.othersSigned,
      othersReading: item.othersReading.filter((draft) => draft.signedIn).map((d) => d.reader),
      draftsLeft: item.othersReading.filter((draft) => !draft.signedIn).map((d) => d.reader),
    },
  };
}
