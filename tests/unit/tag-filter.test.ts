/**
 * The tag browser's filter (app/_components/viewer/tag-filter.ts) on the rows of a real file:
 * by tag in either spelling, keyword, value or private creator, nested matches shown with the
 * sequence and item around them.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filterRows } from '../../app/_components/viewer/tag-filter';
import { listElements, parseDicom } from '../../lib/dicom';
import { sharedDicomDir } from '../support/paths';

const file = path.join(sharedDicomDir, 'pydicom', 'CT_small.dcm');
const { rows } = listElements(parseDicom(new Uint8Array(readFileSync(file)), { file }));
const tags = (query: string) => filterRows(rows, query).map((row) => row.tag);

describe('filterRows', () => {
  it('keeps every row for an empty query, each with its place in the list', () => {
    const all = filterRows(rows, '  ');
    expect(all).toHaveLength(rows.length);
    expect(all.map((row) => row.index)).toEqual(rows.map((_, k) => k));
  });

  it('finds an element by tag written either way, by keyword and by value, case aside', () => {
    expect(tags('(0010,0010)')).toEqual(['(0010,0010)']);
    expect(tags('00100010')).toEqual(['(0010,0010)']);
    expect(tags('patientname')).toEqual(['(0010,0010)']);
    expect(tags('compressedsamples')).toEqual(['(0010,0010)']);
  });

  it('shows a nested match inside its sequence and item', () => {
    const shown = filterRows(rows, 'ABCD1234');
    expect(shown.map((row) => [row.tag, row.depth])).toEqual([
      ['(0010,1002)', 0],
      ['(FFFE,E000)', 1],
      ['(0010,0020)', 2],
    ]);
    expect(shown[2]!.value).toBe('ABCD1234');
    expect(rows[shown[2]!.index]).toMatchObject({ tag: '(0010,0020)', value: 'ABCD1234' });
  });

  it("finds a private block's elements by their creator", () => {
    const shown = filterRows(rows, 'GEMS_IDEN_01');
    expect(shown[0]).toMatchObject({ tag: '(0009,0010)', keyword: 'PrivateCreator' });
    expect(shown.slice(1).every((row) => row.creator === 'GEMS_IDEN_01')).toBe(true);
    expect(shown.length).toBeGreaterThan(5);
  });
});
