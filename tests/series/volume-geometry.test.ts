/**
 * Which series reformat (MPR) and their voxel grid: lib/dicom's `volumeOf` on the demo CT and
 * the real series in ../shared/data, with positions, orientation, size and pixel spacing read by
 * DCMTK's dcmdump, independently of our parser. Refusals name the reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStudies } from '../../lib/demo';
import { assembleSeries, volumeOf, type VolumeCheck } from '../../lib/dicom';
import { sharedDicomDir, workDir } from '../support/paths';
import { filesIn, record } from '../support/series-files';

const dicomdir = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests');
const demoDir = path.join(workDir, 'volume-geometry-demo');

/** A numeric element as DCMTK reads it. */
function dcmdump(file: string, tag: string): number[] {
  const run = spawnSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  const text = /\[([^\]]+)\]/.exec(run.stdout)?.[1] ?? /^\(\S+\) US (\d+)/m.exec(run.stdout)?.[1];
  if (!text) throw new Error(`dcmdump shows no (${tag}) in ${file}`);
  return text.split('\\').map(Number);
}

function volumeOfFiles(files: string[]): VolumeCheck {
  return volumeOf(assembleSeries(files.map(record)));
}

/** The grid DCMTK's values give for an axial series: sorted by z, origin the lowest slice. */
function expectedAxialGrid(files: string[]) {
  const byZ = [...files].sort((a, b) => dcmdump(a, '0020,0032')[2]! - dcmdump(b, '0020,0032')[2]!);
  const first = byZ[0]!;
  const z = byZ.map((file) => dcmdump(file, '0020,0032')[2]!);
  const [rowSpacing, columnSpacing] = dcmdump(first, '0028,0030');
  return {
    dimensions: [dcmdump(first, '0028,0011')[0], dcmdump(first, '0028,0010')[0], files.length],
    spacing: [columnSpacing, rowSpacing, (z.at(-1)! - z[0]!) / (z.length - 1)],
    origin: dcmdump(first, '0020,0032'),
    direction: [...dcmdump(first, '0020,0037'), 0, 0, 1],
  };
}

function expectVolume(check: VolumeCheck, expected: ReturnType<typeof expectedAxialGrid>) {
  if (!('volume' in check)) throw new Error(`refused: ${check.refused}`);
  const { volume } = check;
  expect(volume.dimensions).toEqual(expected.dimensions);
  volume.spacing.forEach((value, i) => expect(value).toBeCloseTo(expected.spacing[i]!, 6));
  volume.origin.forEach((value, i) => expect(value).toBeCloseTo(expected.origin[i]!, 6));
  volume.direction.forEach((value, i) => expect(value).toBeCloseTo(expected.direction[i]!, 6));
}

function refusal(check: VolumeCheck): string {
  if ('volume' in check) throw new Error('expected a refusal, got a volume');
  return check.refused;
}

describe('volumeOf', () => {
  beforeAll(() => {
    rmSync(demoDir, { recursive: true, force: true });
    mkdirSync(demoDir, { recursive: true });
    for (const file of generateDemoStudies().filter((f) => f.name.startsWith('ct-chest/'))) {
      writeFileSync(path.join(demoDir, path.basename(file.name)), file.bytes);
    }
  });

  it('the demo chest CT: 48 slices 5 mm apart make a 256 x 256 x 48 grid, in any input order', () => {
    const files = filesIn(demoDir);
    expect(files).toHaveLength(48);
    const expected = expectedAxialGrid(files);
    expect(expected.spacing).toEqual([1.4, 1.4, 5]);
    expectVolume(volumeOfFiles(files), expected);
    expectVolume(volumeOfFiles([...files].reverse()), expected);
  });

  it('real series: dcmqi ct-3slice (1 mm) and pydicom CT5N (2.5 mm)', () => {
    for (const dir of [
      path.join(sharedDicomDir, 'dcmqi', 'ct-3slice'),
      path.join(dicomdir, '98892001', 'CT5N'),
    ]) {
      const files = filesIn(dir);
      expectVolume(volumeOfFiles(files), expectedAxialGrid(files));
    }
  });

  it('refuses a series with a gap, naming it (pydicom CT2: 202.5 mm, then 1.25 mm steps)', () => {
    expect(refusal(volumeOfFiles(filesIn(path.join(dicomdir, '77654033', 'CT2'))))).toMatch(
      /not evenly spaced: gap of 202\.5 mm where the nominal spacing is 1\.25 mm/,
    );
  });

  it('refuses several stacks (pydicom MR700: seven radial slices) and too few slices', () => {
    expect(refusal(volumeOfFiles(filesIn(path.join(dicomdir, '98892003', 'MR700'))))).toMatch(
      /7 stacks of different sizes or orientations/,
    );
    const files = filesIn(demoDir).slice(0, 2);
    expect(refusal(volumeOfFiles(files))).toMatch(/2 slice\(s\): a reformat needs at least 3/);
  });

  it('refuses a sheared stack (gantry tilt): each slice 0.5 mm further along x', () => {
    const records = filesIn(demoDir).map(record);
    const tilted = records.map((r) => ({
      ...r,
      imagePositionPatient: [
        r.imagePositionPatient![0]! - r.imagePositionPatient![2]! * 0.1,
        r.imagePositionPatient![1]!,
        r.imagePositionPatient![2]!,
      ],
    }));
    expect(refusal(volumeOf(assembleSeries(tilted)))).toMatch(/sheared \(gantry tilt\?\)/);
    // A shift well under a pixel (1.4 mm) over the whole stack is rounding, not a tilt.
    const rounded = records.map((r, i) => ({
      ...r,
      imagePositionPatient: [
        r.imagePositionPatient![0]! + (i % 2) * 0.01,
        ...r.imagePositionPatient!.slice(1),
      ],
    }));
    expect('volume' in volumeOf(assembleSeries(rounded))).toBe(true);
  });

  it('a multi-frame CT (dcmqi 23x38x3, Legacy Converted Enhanced) makes the grid of its three single-frame slices', () => {
    const dir = path.join(sharedDicomDir, 'dcmqi', '23x38x3');
    const file = path.join(dir, 'multiframe', 'mf.dcm');
    // Its frames' positions, in the functional groups, as DCMTK reads them.
    const run = spawnSync('dcmdump', ['+P', '0020,0032', file], { encoding: 'utf8' });
    const positions = [...run.stdout.matchAll(/\[([^\]]+)\]/g)].map((m) =>
      m[1]!.split('\\').map(Number),
    );
    expect(positions).toHaveLength(3);
    expect(record(file).frameGeometry?.positions).toEqual(positions);
    const single = expectedAxialGrid(filesIn(path.join(dir, 'image')));
    expect(single.spacing[2]).toBeCloseTo(2.5, 6);
    expectVolume(volumeOfFiles([file]), single);
    // Frames given in reverse order are ordered along the normal, as slices are.
    const reversed = record(file);
    reversed.frameGeometry = { ...reversed.frameGeometry!, positions: [...positions].reverse() };
    const stack = assembleSeries([reversed])[0]!.stacks[0]!;
    expect(stack.slices.map((slice) => slice.frame)).toEqual([2, 1, 0]);
    expectVolume(volumeOf(assembleSeries([reversed])), single);
  });

  it('refuses a multi-frame instance whose frames share positions or have none, saying why', () => {
    const file = path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'multiframe', 'mf.dcm');
    const timed = record(file);
    const [first, second] = timed.frameGeometry!.positions;
    timed.frameGeometry = { ...timed.frameGeometry!, positions: [first!, second!, first!] };
    expect(refusal(volumeOf(assembleSeries([timed])))).toMatch(/frames share positions/);
    // pydicom's enhanced MR: ten frames with no Plane Position in their functional groups.
    const mr = path.join(sharedDicomDir, 'pydicom-data', 'emri_small.dcm');
    expect(spawnSync('dcmdump', ['+P', '0020,0032', mr], { encoding: 'utf8' }).stdout).toBe('');
    expect(refusal(volumeOfFiles([mr]))).toMatch(/no position and orientation/);
  });

  it('refuses slices without a pixel spacing or a position', () => {
    const records = filesIn(demoDir).map(record);
    expect(
      refusal(volumeOf(assembleSeries(records.map((r) => ({ ...r, pixelSpacing: null }))))),
    ).toMatch(/pixel spacing is unknown/);
    expect(
      refusal(volumeOf(assembleSeries(records.map((r) => ({ ...r, imagePositionPatient: null }))))),
    ).toMatch(/no position and orientation/);
  });
});
