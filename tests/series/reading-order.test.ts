/**
 * The order the viewer shows a stack in: an axial one from the head down, a coronal one from the
 * front back, a sagittal one from the patient's right to left, whatever way the scanner numbered
 * or the file order ran; stacks not ordered by position keep their order. On a real CT (positions
 * read by DCMTK) and on records whose patient coordinates are stated by hand (LPS: +x left,
 * +y posterior, +z head).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSeries,
  readingOrder,
  seriesReadingOrder,
  type SeriesInstanceInput,
} from '../../lib/dicom/series';
import { sharedDicomDir } from '../support/paths';
import { filesIn, record } from '../support/series-files';

function image(
  sop: string,
  position: [number, number, number] | null,
  orientation: number[],
  instanceNumber: number | null = null,
): SeriesInstanceInput<string> {
  return {
    file: sop,
    studyInstanceUID: '1.2.3',
    seriesInstanceUID: '1.2.3.4',
    sopInstanceUID: sop,
    rows: 4,
    columns: 4,
    numberOfFrames: 1,
    instanceNumber,
    imagePositionPatient: position,
    imageOrientationPatient: orientation,
  };
}

const read = (images: SeriesInstanceInput<string>[]) =>
  seriesReadingOrder(assembleSeries(images)).map((slice) => slice.file);

describe('reading order', () => {
  it('reads an axial stack from the head down, whichever way it was numbered', () => {
    const axial = [1, 0, 0, 0, 1, 0];
    const headFirst = [0, -5, -10].map((z, k) => image(`s${k}`, [0, 0, z], axial, k + 1));
    expect(read(headFirst)).toEqual(['s0', 's1', 's2']);
    const feetFirst = [-10, -5, 0].map((z, k) => image(`s${k}`, [0, 0, z], axial, k + 1));
    expect(read(feetFirst)).toEqual(['s2', 's1', 's0']);
    // Assembly itself still runs along the normal (0, 0, 1), feet first, as the volume does.
    expect(assembleSeries(feetFirst)[0]!.stacks[0]!.slices.map((s) => s.file)).toEqual([
      's0',
      's1',
      's2',
    ]);
  });

  it('reads an axial stack whose rows run the other way (normal to the feet) from the head too', () => {
    // Row (-1,0,0) x column (0,1,0) = (0,0,-1): assembly runs head first already.
    const flipped = [-1, 0, 0, 0, 1, 0];
    const images = [0, -5, -10].map((z, k) => image(`s${k}`, [0, 0, z], flipped));
    expect(assembleSeries(images)[0]!.stacks[0]!.normal).toEqual([0, 0, -1]);
    expect(read(images)).toEqual(['s0', 's1', 's2']);
  });

  it('reads a coronal stack from the front back, a sagittal one from the right to the left', () => {
    const coronal = [1, 0, 0, 0, 0, -1];
    const front = [20, -40, 0].map((y, k) => image(`c${k}`, [0, y, 0], coronal));
    expect(read(front)).toEqual(['c1', 'c2', 'c0']);
    const sagittal = [0, 1, 0, 0, 0, -1];
    const side = [30, -30, 0].map((x, k) => image(`g${k}`, [x, 0, 0], sagittal));
    expect(read(side)).toEqual(['g1', 'g2', 'g0']);
  });

  it('takes an oblique stack by the axis its normal points along most', () => {
    // Tilted 20 degrees about x: the normal (0, -sin 20, cos 20) is still mostly to the head.
    const tilt = (20 * Math.PI) / 180;
    const oblique = [1, 0, 0, 0, Math.cos(tilt), Math.sin(tilt)];
    const images = [0, 5, 10].map((d, k) =>
      image(`o${k}`, [0, -Math.sin(tilt) * d, Math.cos(tilt) * d], oblique),
    );
    expect(read(images)).toEqual(['o2', 'o1', 'o0']);
  });

  it('keeps a stack without positions in Instance Number order', () => {
    const images = [3, 1, 2].map((n) => image(`n${n}`, null, [1, 0, 0, 0, 1, 0], n));
    const [stack] = assembleSeries(images)[0]!.stacks;
    expect(stack!.orderedBy).toBe('instance-number');
    expect(readingOrder(stack!).map((slice) => slice.file)).toEqual(['n1', 'n2', 'n3']);
  });

  it('shows dcmqi ct-3slice from its highest slice (DCMTK), which is Instance 1', () => {
    const files = filesIn(path.join(sharedDicomDir, 'dcmqi', 'ct-3slice'));
    const dump = (file: string, tag: string) =>
      /\[([^\]]*)\]/.exec(
        spawnSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' }).stdout,
      )![1]!;
    const z = (file: string) => Number(dump(file, '0020,0032').split('\\')[2]);
    const shown = read(files.map(record));
    expect(shown).toEqual([...files].sort((a, b) => z(b) - z(a)));
    expect(shown.map((file) => Number(dump(file, '0020,0013')))).toEqual([1, 2, 3]);
  });
});
