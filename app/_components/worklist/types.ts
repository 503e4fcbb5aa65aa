/** One worklist row as the page shows it (built from the API's WorklistItem). */
import type { OutOfScopeReason } from '@/lib/inference';

export type AiStatus = 'pending' | 'screened' | 'out-of-scope' | 'failed';
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
  review: { status: ReviewStatus; othersSigned: number };
}

export const aiStatusLabels: Record<AiStatus, string> = {
  pending: 'Pending',
  screened: 'Screened',
  'out-of-scope': 'Out of scope',
  failed: 'Failed',
};

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  unread: 'Unread',
  'read-by-me': 'Read by me',
  'read-by-others': 'Read by others',
  discordant: 'Discordant with AI',
};
