/**
 * Series assembly on the real series in ../shared/data/dicom (MANIFEST.md, "Series with
 * ImagePositionPatient"), read with lib/dicom; positions for the expected order come from
 * DCMTK's dcmdump, independently of our parser. Also `secondlook series` end to end.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import type { CommandIO } from '../../bin/command';
import { assembleSeries, type AssembledSeries } from '../../lib/dicom';
import { sharedDicomDir, workDir } from '../support/paths';
import { filesIn, record } from '../support/series-files';

const dicomdir = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests');
const folders = {
  ct3: path.join(sharedDicomDir, 'dcmqi', 'ct-3slice'),
  ct5n: path.join(dicomdir, '98892001', 'CT5N'),
  ct2: path.join(dicomdir, '77654033', 'CT2'),
  mr700: path.join(dicomdir, '98892003', 'MR700'),
  mr2: path.join(dicomdir, '98892003', 'MR2'),
  tiny: path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'image'),
};

/** ImagePositionPatient z as DCMTK reads it. */
function dcmdumpZ(file: string): number {
  const run = spawnSync('dcmdump', ['+P', '0020,0032', file], { encoding: 'utf8' });
  const values = /\[([^\]]+)\]/.exec(run.stdout)?.[1]?.split('\\').map(Number);
  if (!values || values.length !== 3) throw new Error(`dcmdump gave no position for ${file}`);
  return values[2]!;
}

/** Axial series: the order along the normal (0,0,1) is the order of z. */
function expectAxialOrder(series: AssembledSeries<string>, files: string[]) {
  const byZ = [...files].sort((a, b) => dcmdumpZ(a) - dcmdumpZ(b));
  expect(series.stacks).toHaveLength(1);
  expect(series.stacks[0]!.normal).toEqual([0, 0, 1]);
  expect(series.stacks[0]!.slices.map((s) => s.file)).toEqual(byZ);
  const z = byZ.map(dcmdumpZ);
  return z.slice(1).map((v, i) => v - z[i]!);
}

const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('real series', () => {
  it('dcmqi ct-3slice: 3 contiguous slices 1 mm apart, no warnings', () => {
    const files = filesIn(folders.ct3);
    const [series] = assembleSeries(files.map(record));
    const steps = expectAxialOrder(series!, files);
    for (const step of steps) expect(step).toBeCloseTo(1, 3);
    expect(series!.stacks[0]!.spacing).toBeCloseTo(1, 3);
    expect(series!.stacks[0]!.spacingUniform).toBe(true);
    expect([...series!.warnings, ...series!.stacks[0]!.warnings]).toEqual([]);
  });

  it('pydicom CT5N: 5 slices 2.5 mm apart, against InstanceNumber order', () => {
    const files = filesIn(folders.ct5n);
    const [series] = assembleSeries(files.map(record));
    for (const step of expectAxialOrder(series!, files)) expect(step).toBeCloseTo(2.5, 6);
    expect(series!.stacks[0]!.spacing).toBeCloseTo(2.5, 6);
    // InstanceNumber runs the other way (z falls as the number rises): position wins.
    const numbers = series!.stacks[0]!.slices.map((s) => s.instanceNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => b! - a!));
    expect(series!.stacks[0]!.orderedBy).toBe('position');
  });

  it('pydicom CT2: a 202.5 mm gap before 1.25 mm steps is a GAP, not the spacing', () => {
    const files = filesIn(folders.ct2);
    const [series] = assembleSeries(files.map(record));
    const steps = expectAxialOrder(series!, files);
    expect(steps.map((s) => Number(s.toFixed(3)))).toEqual([202.5, 1.25, 1.25]);
    const stack = series!.stacks[0]!;
    expect(stack.spacing).toBeCloseTo(1.25, 3);
    expect(stack.spacingUniform).toBe(false);
    expect(codes(stack.warnings)).toEqual(['GAP']);
  });

  it('pydicom MR700: 7 radial slices, each its own orientation, never mixed', () => {
    const [series] = assembleSeries(filesIn(folders.mr700).map(record));
    expect(series!.modality).toBe('MR');
    expect(series!.stacks.map((s) => s.slices.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(codes(series!.warnings)).toEqual(['MIXED_ORIENTATION']);
  });

  it('pydicom MR2: three localizer series of axial, coronal and sagittal slices', () => {
    const series = assembleSeries(filesIn(folders.mr2).map(record));
    expect(series).toHaveLength(3);
    const normals = series
      .filter((s) => s.instanceCount === 3)
      .map((s) => s.stacks.map((stack) => stack.normal!.map(Math.abs)));
    expect(normals).toHaveLength(2);
    for (const stackNormals of normals) {
      expect(stackNormals).toEqual(
        expect.arrayContaining([
          [0, 0, 1],
          [0, 1, 0],
          [1, 0, 0],
        ]),
      );
    }
  });

  it('gives the same result for shuffled input, and drops duplicated files with a warning', () => {
    const files = [...filesIn(folders.ct5n), ...filesIn(folders.tiny), ...filesIn(folders.ct3)];
    const records = files.map(record);
    const expected = assembleSeries(records);
    expect(expected).toHaveLength(3);
    for (const seed of [1, 7, 42]) expect(assembleSeries(shuffle(records, seed))).toEqual(expected);
    const doubled = assembleSeries(shuffle([...records, ...records.slice(0, 2)], 3));
    const warned = doubled
      .flatMap((s) => s.warnings)
      .filter((w) => w.code === 'DUPLICATE_INSTANCE');
    expect(warned).toHaveLength(2);
    expect(doubled.map((s) => s.stacks)).toEqual(expected.map((s) => s.stacks));
  });
});

describe('secondlook series', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const capture: CommandIO = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      stdin: process.stdin,
    };
    return { out, err, capture };
  };

  it('prints series as JSON and exits 0 on a clean folder', async () => {
    const { out, capture } = io();
    expect(await main(['series', folders.ct2, '--json'], capture)).toBe(0);
    const result = JSON.parse(out.join('')) as {
      series: AssembledSeries<string>[];
      errors: unknown[];
    };
    expect(result.errors).toEqual([]);
    expect(result.series).toHaveLength(1);
    expect(codes(result.series[0]!.stacks[0]!.warnings)).toEqual(['GAP']);
  });

  it("places a multi-frame CT's frames by their functional groups, as DCMTK reads them", async () => {
    const { out, capture } = io();
    const dir = path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'multiframe');
    expect(await main(['series', dir, '--json'], capture)).toBe(0);
    const [stack] = (JSON.parse(out.join('')) as { series: AssembledSeries<string>[] }).series[0]!
      .stacks;
    const dump = spawnSync('dcmdump', ['+P', '0020,0032', path.join(dir, 'mf.dcm')], {
      encoding: 'utf8',
    }).stdout;
    const z = [...dump.matchAll(/\[([^\]]+)\]/g)].map((m) => Number(m[1]!.split('\\')[2]));
    expect(stack).toMatchObject({ multiFrame: true, orderedBy: 'position', spacing: 2.5 });
    expect(stack!.slices.map((slice) => [slice.frame, slice.location])).toEqual(
      z.map((location, frame) => [frame, location]),
    );
  });

  it('reports and skips bad files, keeps the rest, exits 1', async () => {
    const dir = path.join(workDir, 'series-with-bad-files');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'nested'), { recursive: true });
    for (const file of filesIn(folders.ct5n)) {
      copyFileSync(file, path.join(dir, 'nested', path.basename(file)));
    }
    writeFileSync(path.join(dir, 'notes.txt'), 'not a DICOM file\n');
    writeFileSync(
      path.join(dir, 'truncated.dcm'),
      readFileSync(filesIn(folders.ct5n)[0]!).subarray(0, 300),
    );
    const { out, capture } = io();
    expect(await main(['series', dir, '--json'], capture)).toBe(1);
    const result = JSON.parse(out.join('')) as {
      series: AssembledSeries<string>[];
      errors: { file: string; code: string }[];
    };
    expect(result.series).toHaveLength(1);
    expect(result.series[0]!.stacks[0]!.slices).toHaveLength(5);
    expect(result.errors.map((e) => path.basename(e.file)).sort()).toEqual([
      'notes.txt',
      'truncated.dcm',
    ]);
    for (const error of result.errors) expect(error.code).toMatch(/^[A-Z_]+$/);
  });

  it('exits 2 for a folder that does not exist', async () => {
    const { out, capture } = io();
    expect(await main(['series', path.join(workDir, 'no-such-folder'), '--json'], capture)).toBe(2);
    expect(JSON.parse(out.join('')).error.code).toBe('READ_FAILED');
  });
});
