/** A worklist row as `POST /api/studies/query` answers it, for tests that make the browser's view of one. */
import type { WorklistItem } from '../../app/_components/worklist/api-types';

/** A CR study of one image, screened and not flagged, nobody's review: `changes` make it another. */
export function worklistItem(changes: Partial<WorklistItem> & { studyId: number }): WorklistItem {
  return {
    patientName: null,
    patientId: `ID-${changes.studyId}`,
    studyDate: '20260103',
    studyDescription: 'XR CHEST PA',
    modalities: ['CR'],
    seriesCount: 1,
    instanceCount: 1,
    ai: {
      status: 'screened',
      topProbability: 0.5,
      topLabel: 'pneumonia',
      flaggedFindings: [],
      screenedSeries: 1,
      eligibleSeries: 1,
      outOfScope: [],
      error: null,
    },
    myReview: { status: 'none', reviewId: null, discordant: null },
    othersSigned: 0,
    othersReading: [],
    createdAt: '2026-01-03T00:00:00.000Z',
    ...changes,
  };
}
