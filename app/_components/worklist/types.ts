/** One worklist row as the page shows it (built from the API's WorklistItem). */
import type { OutOfScopeReason } from '@/lib/inference';

/** lib/store's ScreeningStatus: see app/api/README.md, Screening status. */
export type AiStatus = 'pending' | 'retrying' | 'failed' | 'screened' | 'out-of-scope';
export type ReviewStatus = 'unread' | 'read-by-me' | 'read-by-others' | 'discordant';

/** The latest failed screening of a study: codes and messages, never patient data. */
export interface ScreeningError {
  code: string;
  message: string;
  attempts: number;
  /** When the queue tries again; null once it gave up. */
  retryAt: string | null;
}

export interface WorklistStudy {
  id: string;
  patientName: string;
  patientId: string;
  studyDate: string | null;
  description: string;
  modalities: string[];
  seriesCount: number;
  receivedAt: string;
  ai: {
    status: AiStatus;
    maxProbability: number | null;
    flagged: string[];
    screenedSeries: number;
    eligibleSeries: number;
    outOfScope: OutOfScopeReason[];
    error: ScreeningError | null;
  };
  /** With the other readers who have an unsigned draft of the study (reading it now). */
  review: {
    status: ReviewStatus;
    othersSigned: number;
    /** Other readers with a draft here who are signed in now. */
    othersReading: string[];
    /** Other readers' drafts here whose readers are not signed in. */
    draftsLeft: string[];
  };
}

export const aiStatusLabels: Record<AiStatus, string> = {
  pending: 'Pending',
  retrying: 'Failed, retrying',
  failed: 'Failed',
  screened: 'Screened',
  'out-of-scope': 'Out of scope',
};

/**
 * The statuses the screening queue will still change, with how often (ms) the worklist asks
 * again while a study has one: soon while series are screened, now and then while a failed
 * one waits for its retry (1 to 64 minutes).
 */
export const aiStatusPollMs: Partial<Record<AiStatus, number>> = {
  pending: 2_000,
  retrying: 30_000,
};

/**
 * How often the worklist asks again with nothing under way: studies still arrive (from the PACS,
 * another upload) and other readers sign, and a reader waiting on the worklist sees them without
 * reloading. A page costs the server the same however large the store (its worklist keys).
 */
export const idlePollMs = 15_000;

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  unread: 'Unread',
  'read-by-me': 'Read by me',
  'read-by-others': 'Read by others',
  discordant: 'Discordant with AI',
};
