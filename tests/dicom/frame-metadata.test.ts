/**
 * readFrameMetadata against DCMTK: for a Legacy Converted Enhanced CT the per-frame positions
 * and the shared orientation, spacing, rescale and window that dcmdump finds nested in the
 * functional groups; for the classic single-frame slices it was made from, their top-level
 * attributes. dcmdump +P prints every occurrence of a tag, nested ones included, in file order.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom, readFrameMetadata, readPixelModule } from '../../lib/dicom';
import { sharedDicomDir } from './support';

const dir = path.join(sharedDicomDir, 'dcmqi', '23x38x3');
const enhanced = path.join(dir, 'multiframe', 'mf.dcm');
const slices = ['IMG0001.dcm', 'IMG0002.dcm', 'IMG0003.dcm'].map((f) => path.join(dir, 'image', f));

/** Every occurrence of `tag` ("gggg,eeee") that dcmdump finds, as numbers. */
function dcmdumpNumbers(file: string, tag: string): number[][] {
  const out = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  return [...out.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!.split('\\').map(Number));
}

function read(file: string) {
  return parseDicom(new Uint8Array(readFileSync(file)), { file });
}

describe('readFrameMetadata', () => {
  it('reads per-frame and shared functional groups of an enhanced multi-frame CT', () => {
    const file = read(enhanced);
    const frames = readPixelModule(file).numberOfFrames;
    const positions = dcmdumpNumbers(enhanced, '0020,0032');
    expect(positions).toHaveLength(frames);
    const [orientation] = dcmdumpNumbers(enhanced, '0020,0037');
    const [spacing] = dcmdumpNumbers(enhanced, '0028,0030');
    const [slope] = dcmdumpNumbers(enhanced, '0028,1053')[0]!;
    const [intercept] = dcmdumpNumbers(enhanced, '0028,1052')[0]!;
    const [center] = dcmdumpNumbers(enhanced, '0028,1050')[0]!;
    const [width] = dcmdumpNumbers(enhanced, '0028,1051')[0]!;
    for (let frame = 0; frame < frames; frame++) {
      const meta = readFrameMetadata(file, frame);
      expect(meta.imagePositionPatient).toEqual(positions[frame]);
      expect(meta.imageOrientationPatient).toEqual(orientation);
      expect(meta.pixelSpacing).toEqual(spacing);
      expect(meta.rescaleSlope).toBe(slope);
      expect(meta.rescaleIntercept).toBe(intercept);
      expect(meta.windows.map((w) => [w.center, w.width])).toEqual([[center, width]]);
    }
    // The frames are distinct slices, not one position repeated.
    expect(new Set(positions.map((p) => p.join('\\'))).size).toBe(frames);
  });

  it('reads the top-level attributes of classic single-frame slices', () => {
    for (const slice of slices) {
      const meta = readFrameMetadata(read(slice), 0);
      expect(meta.imagePositionPatient).toEqual(dcmdumpNumbers(slice, '0020,0032')[0]);
      expect(meta.imageOrientationPatient).toEqual(dcmdumpNumbers(slice, '0020,0037')[0]);
      expect(meta.pixelSpacing).toEqual(dcmdumpNumbers(slice, '0028,0030')[0]);
    }
  });

  it('gives a frame without geometry none, and the identity rescale', () => {
    const us = path.join(
      sharedDicomDir,
      'dicomParser',
      'encapsulated',
      'multi-frame',
      'IM00001.fragmented_no_bot_jpeg_baseline.50.dcm',
    );
    const meta = readFrameMetadata(read(us), 7);
    expect(dcmdumpNumbers(us, '0020,0032')).toEqual([]);
    expect(meta.imagePositionPatient).toBeNull();
    expect(meta.rescaleSlope).toBe(1);
    expect(meta.rescaleIntercept).toBe(0);
  });
});
