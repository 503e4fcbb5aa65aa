/**
 * Series assembly on hand-made metadata records: ordering along the normal whatever the input
 * order, InstanceNumber fallback, duplicates, gaps, non-uniform spacing, mixed size and
 * orientation, multi-frame stacks.
 */
import { describe, expect, it } from 'vitest';
import { assembleSeries, sliceNormal, type SeriesInstanceInput } from '../../lib/dicom/series';

const axial = [1, 0, 0, 0, 1, 0];

function slice(
  sop: string,
  z: number | null,
  more: Partial<SeriesInstanceInput<string>> = {},
): SeriesInstanceInput<string> {
  return {
    file: `${sop}.dcm`,
    studyInstanceUID: '1.2.3',
    seriesInstanceUID: '1.2.3.4',
    sopInstanceUID: sop,
    modality: 'CT',
    rows: 4,
    columns: 4,
    numberOfFrames: 1,
    instanceNumber: null,
    imagePositionPatient: z === null ? null : [-10, -20, z],
    imageOrientationPatient: axial,
    ...more,
  };
}

const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);

describe('geometry', () => {
  it('takes the normal as row x column', () => {
    expect(sliceNormal(axial)).toEqual([0, 0, 1]);
    // coronal: row (1,0,0) x column (0,0,-1) = (0*-1 - 0*0, 0*0 - 1*-1, 1*0 - 0*0) = (0, 1, 0)
    expect(sliceNormal([1, 0, 0, 0, 0, -1])).toEqual([0, 1, 0]);
    expect(sliceNormal([1, 0, 0, 1, 0, 0])).toBeNull(); // parallel cosines: no plane
  });
});

describe('assembleSeries', () => {
  const ordered = [slice('a', -5), slice('b', -2.5), slice('c', 0), slice('d', 2.5)];

  it('orders along the normal and finds the spacing, whatever the input order', () => {
    const expected = assembleSeries(ordered);
    expect(expected).toHaveLength(1);
    const stack = expected[0]!.stacks[0]!;
    expect(stack.slices.map((s) => s.sopInstanceUID)).toEqual(['a', 'b', 'c', 'd']);
    expect(stack.slices.map((s) => s.location)).toEqual([-5, -2.5, 0, 2.5]);
    expect(stack.spacing).toBe(2.5);
    expect(stack.spacingUniform).toBe(true);
    expect(stack.warnings).toEqual([]);
    for (const shuffled of [
      [3, 1, 0, 2],
      [2, 3, 1, 0],
      [0, 2, 1, 3],
    ]) {
      expect(assembleSeries(shuffled.map((i) => ordered[i]!))).toEqual(expected);
    }
  });

  it('orders along an oblique normal, not along z', () => {
    // Row (0,1,0), column (0,0,1): normal (1,0,0). The x coordinate orders, z goes the other way.
    const sagittal = [0, 1, 0, 0, 0, 1];
    const records = [
      slice('far', 0, { imageOrientationPatient: sagittal, imagePositionPatient: [6, 0, -1] }),
      slice('near', 0, { imageOrientationPatient: sagittal, imagePositionPatient: [2, 0, 5] }),
      slice('mid', 0, { imageOrientationPatient: sagittal, imagePositionPatient: [4, 0, 1] }),
    ];
    const stack = assembleSeries(records)[0]!.stacks[0]!;
    expect(stack.slices.map((s) => s.sopInstanceUID)).toEqual(['near', 'mid', 'far']);
    expect(stack.spacing).toBe(2);
  });

  it('keeps the first of a duplicated instance and says so', () => {
    const [series] = assembleSeries([...ordered, { ...ordered[1]!, file: 'copy-of-b.dcm' }]);
    expect(codes(series!.warnings)).toEqual(['DUPLICATE_INSTANCE']);
    expect(series!.instanceCount).toBe(4);
    expect(series!.stacks[0]!.slices.map((s) => s.file)).toEqual([
      'a.dcm',
      'b.dcm',
      'c.dcm',
      'd.dcm',
    ]);
  });

  it('warns about two instances at one position', () => {
    const stack = assembleSeries([...ordered, slice('c2', 0)])[0]!.stacks[0]!;
    expect(codes(stack.warnings)).toEqual(['DUPLICATE_POSITION']);
    expect(stack.warnings[0]!.sopInstanceUIDs).toEqual(['c', 'c2']);
    expect(stack.spacing).toBe(2.5);
    expect(stack.spacingUniform).toBe(false);
  });

  it('tells a gap (missing slices) from non-uniform spacing', () => {
    // steps 2.5, 2.5, 7.5 (two slices missing), 2.5, 3.0 (off by 20%, short of a gap)
    const records = [0, 2.5, 5, 12.5, 15, 18].map((z, i) => slice(`s${i}`, z));
    const stack = assembleSeries(records)[0]!.stacks[0]!;
    expect(stack.spacing).toBe(2.5);
    expect(stack.spacingUniform).toBe(false);
    expect(codes(stack.warnings)).toEqual(['GAP', 'NON_UNIFORM_SPACING']);
    expect(stack.warnings[0]!.message).toContain('about 2 slices missing');
    expect(stack.warnings[0]!.sopInstanceUIDs).toEqual(['s2', 's3']);
  });

  it('falls back to InstanceNumber without positions', () => {
    const records = [3, 1, 2].map((n) => slice(`n${n}`, null, { instanceNumber: n }));
    const stack = assembleSeries(records)[0]!.stacks[0]!;
    expect(stack.orderedBy).toBe('instance-number');
    expect(stack.slices.map((s) => s.instanceNumber)).toEqual([1, 2, 3]);
    expect(codes(stack.warnings)).toEqual(['MISSING_POSITION']);
    expect(stack.spacing).toBeNull();
  });

  it('never mixes sizes or orientations in one stack', () => {
    const records = [
      ...ordered,
      slice('big', 0, { rows: 8, columns: 8 }),
      slice('cor', 0, { imageOrientationPatient: [1, 0, 0, 0, 0, -1] }),
    ];
    const [series] = assembleSeries(records);
    expect(series!.stacks.map((s) => s.slices.length)).toEqual([4, 1, 1]);
    expect(codes(series!.warnings)).toEqual(['MIXED_SIZE', 'MIXED_ORIENTATION']);
  });

  it('treats cosines equal to within 1e-3 as one orientation', () => {
    const nearly = [1, 0.0004, 0, 0, 1, 0.0004];
    const records = [...ordered, slice('e', 5, { imageOrientationPatient: nearly })];
    expect(assembleSeries(records)[0]!.stacks).toHaveLength(1);
  });

  it('separates series and studies by UID', () => {
    const other = slice('x', 0, { seriesInstanceUID: '1.2.3.5' });
    const series = assembleSeries([...ordered, other]);
    expect(series.map((s) => [s.seriesInstanceUID, s.instanceCount])).toEqual([
      ['1.2.3.4', 4],
      ['1.2.3.5', 1],
    ]);
  });

  it('makes a multi-frame instance a stack of its frames', () => {
    const multi = slice('mf', null, {
      numberOfFrames: 3,
      frameGeometry: {
        positions: [
          [0, 0, 4],
          [0, 0, 0],
          [0, 0, 2],
        ],
        orientation: null,
        pixelSpacing: [0.5, 0.5],
      },
    });
    const stack = assembleSeries([multi])[0]!.stacks[0]!;
    expect(stack.multiFrame).toBe(true);
    // Frames with their own positions are ordered along the normal, as single-frame slices are.
    expect(stack.orderedBy).toBe('position');
    expect(stack.slices.map((s) => [s.file, s.frame, s.location])).toEqual([
      ['mf.dcm', 1, 0],
      ['mf.dcm', 2, 2],
      ['mf.dcm', 0, 4],
    ]);
    expect(stack.spacing).toBe(2);
    expect(stack.pixelSpacing).toEqual([0.5, 0.5]);
  });

  it('keeps frame order for frames that share positions (time points), and for frames without', () => {
    const positions = [
      [0, 0, 0],
      [0, 0, 2],
      [0, 0, 0],
      [0, 0, 2],
    ];
    const timed = slice('mf', null, {
      numberOfFrames: 4,
      frameGeometry: { positions, orientation: null, pixelSpacing: null },
    });
    const stack = assembleSeries([timed])[0]!.stacks[0]!;
    expect(stack.orderedBy).toBe('frame');
    expect(stack.slices.map((s) => s.frame)).toEqual([0, 1, 2, 3]);
    expect(codes(stack.warnings)).toContain('DUPLICATE_POSITION');
    const unplaced = slice('mf', null, { numberOfFrames: 3 });
    expect(assembleSeries([unplaced])[0]!.stacks[0]!.orderedBy).toBe('frame');
  });
});
