/**
 * The worklist shows DICOM person names in reading order (finding them however the reader types
 * them is the server's: tests/store/worklist-query.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { toWorklistStudy, type WorklistItem } from '../../app/_components/worklist/api-types';

function item(studyId: number, patientName: string | null, studyDescription: string): WorklistItem {
  return {
    studyId,
    patientName,
    patientId: `ID-${studyId}`,
    studyDate: '20260103',
    studyDescription,
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
  };
}

const rows = [
  item(1, 'Osterman^Phillip^B.', 'XR CHEST PA'),
  item(2, 'DEMO^CHEST^2', 'XR CHEST AP, portable'),
  item(3, null, 'CT CHEST'),
].map(toWorklistStudy);

describe('worklist patient names', () => {
  it('shows the name in reading order, empty when the file has none', () => {
    expect(rows.map((row) => row.patientName)).toEqual([
      'Osterman, Phillip B.',
      'DEMO, CHEST 2',
      '',
    ]);
  });
});
