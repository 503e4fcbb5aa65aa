/**
 * The worklist shows DICOM person names in reading order (finding them however the reader types
 * them is the server's: tests/store/worklist-query.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { toWorklistStudy } from '../../app/_components/worklist/api-types';
import { worklistItem } from '../support/worklist-item';

function item(studyId: number, patientName: string | null, studyDescription: string) {
  return worklistItem({ studyId, patientName, studyDescription });
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
