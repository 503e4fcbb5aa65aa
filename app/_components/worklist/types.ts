/** One worklist row as the page shows it (built from the API's WorklistItem). */
export type AiStatus = 'none' | 'pending' | 'screened' | 'out-of-scope' | 'failed';
export type ReviewStatus = 'unread' | 'read-by-me' | 'read-by-others' | 'discordant';

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
  };
  review: { status: ReviewStatus };
}

export const aiStatusLabels: Record<AiStatus, string> = {
  none: 'Not screened',
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
