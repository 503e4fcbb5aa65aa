/**
 * The worklist shows DICOM person names in reading order and finds them however the reader
 * types them: with or without the comma, or with the file's own `^` separators.
 */
import { describe, expect, it } from 'vitest';
import { toWorklistStudy, type WorklistItem } from '../../app/_components/worklist/api-types';
import { noFilters, orderWorklist } from '../../app/_components/worklist/order';

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
    createdAt: '2026-01-03T00:00:00.000Z',
  };
}

const rows = [
  item(1, 'Osterman^Phillip^B.', 'XR CHEST PA'),
  item(2, 'DEMO^CHEST^2', 'XR CHEST AP, portable'),
  item(3, null, 'CT CHEST'),
].map(toWorklistStudy);

const found = (text: string) =>
  orderWorklist(rows, { ...noFilters, text })
    .map((row) => Number(row.id))
    .sort();

describe('worklist patient names', () => {
  it('shows the name in reading order, empty when the file has none', () => {
    expect(rows.map((row) => row.patientName)).toEqual([
      'Osterman, Phillip B.',
      'DEMO, CHEST 2',
      '',
    ]);
  });

  it('matches typed text regardless of case, commas, spacing and ^', () => {
    expect(found('osterman phillip')).toEqual([1]);
    expect(found('Osterman, Phillip')).toEqual([1]);
    expect(found('OSTERMAN^PHILLIP')).toEqual([1]);
    expect(found('demo  chest 2')).toEqual([2]);
    expect(found('chest ap portable')).toEqual([2]);
    expect(found('ID-3')).toEqual([3]);
    expect(found('phillip osterman')).toEqual([]);
  });
});
