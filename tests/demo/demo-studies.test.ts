import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import { generateDemoStudies, type DemoFile } from '../../lib/demo';
import { capture } from '../support/cli';
import { workDir } from '../support/paths';

const outDir = path.join(workDir, 'demo-studies');
let files: DemoFile[];

function dcmdumpValue(file: string, tagKey: string): string {
  const line = execFileSync('dcmdump', ['+P', tagKey, file], { encoding: 'utf8' });
  const match = /\[(.*)\]|\s(\d+)\s+#/.exec(line);
  return match?.[1] ?? match?.[2] ?? '';
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

beforeAll(() => {
  files = generateDemoStudies();
  for (const file of files) {
    const target = path.join(outDir, file.name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
});

describe('demo study set', () => {
  it('is deterministic, so a second import is a no-op', () => {
    const again = generateDemoStudies();
    expect(again.map((file) => sha256(file.bytes))).toEqual(
      files.map((file) => sha256(file.bytes)),
    );
  });

  it('passes dciodvfy (dicom3tools) without errors for the CT, its scout and both radiographs', () => {
    for (const name of [
      'ct-chest/slice-001.dcm',
      'ct-scout/scout.dcm',
      'xr-chest-1/image.dcm',
      'xr-chest-2/image.dcm',
    ]) {
      const report = execFileSync('dciodvfy', [path.join(outDir, name)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(report.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);
    }
  });

  it('has two radiographs of one patient a day apart, the later to read against the earlier', () => {
    const [first, second] = ['xr-chest-1/image.dcm', 'xr-chest-2/image.dcm'].map((name) =>
      path.join(outDir, name),
    ) as [string, string];
    for (const tag of ['0010,0010', '0010,0020', '0010,0030', '0010,0040']) {
      expect(dcmdumpValue(second, tag)).toBe(dcmdumpValue(first, tag));
    }
    expect(dcmdumpValue(second, '0020,000d')).not.toBe(dcmdumpValue(first, '0020,000d'));
    expect([dcmdumpValue(first, '0008,0020'), dcmdumpValue(second, '0008,0020')]).toEqual([
      '20260102',
      '20260103',
    ]);
    expect(dcmdumpValue(first, '0010,0020')).not.toBe(
      dcmdumpValue(path.join(outDir, 'ct-chest/slice-001.dcm'), '0010,0020'),
    );
  });

  it('writes a 48-slice CT series at 5 mm spacing, read back by DCMTK', () => {
    const ct = files.filter((file) => file.name.startsWith('ct-chest/'));
    expect(ct).toHaveLength(48);
    const positions = ct.map((file) => {
      const ipp = dcmdumpValue(path.join(outDir, file.name), '0020,0032');
      return Number(ipp.split('\\')[2]);
    });
    const steps = positions.slice(1).map((z, i) => z - positions[i]!);
    expect(new Set(steps)).toEqual(new Set([-5]));
    expect(dcmdumpValue(path.join(outDir, ct[0]!.name), '0028,1052')).toBe('-1024');
  });

  /** The pixel data of a file as DCMTK writes it out (16-bit). */
  function rawPixels(file: string): Uint16Array {
    execFileSync('dcmdump', ['+W', outDir, '+P', '7fe0,0010', file]);
    const bytes = readFileSync(path.join(outDir, `${path.basename(file)}.0.raw`));
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  }

  it('has the scout the axial series was planned on: a frontal projection through its slices', () => {
    const scout = path.join(outDir, 'ct-scout', 'scout.dcm');
    const slice = (depth: number) =>
      path.join(outDir, 'ct-chest', `slice-${String(depth / 5 + 1).padStart(3, '0')}.dcm`);
    expect(dcmdumpValue(scout, '0008,0008')).toBe('ORIGINAL\\PRIMARY\\LOCALIZER');
    for (const tag of ['0020,000d', '0020,0052', '0010,0020']) {
      expect(dcmdumpValue(scout, tag)).toBe(dcmdumpValue(slice(0), tag));
    }
    expect([dcmdumpValue(scout, '0020,0011'), dcmdumpValue(slice(0), '0020,0011')]).toEqual([
      '1',
      '2',
    ]);
    // Rows from the top slice (z 0) down, 1.4 mm apart, spanning the 235 mm of slices.
    expect(dcmdumpValue(scout, '0020,0037')).toBe('1\\0\\0\\0\\0\\-1');
    const rows = Number(dcmdumpValue(scout, '0028,0010'));
    expect((rows - 1) * 1.4).toBeLessThanOrEqual(235);
    expect(rows * 1.4).toBeGreaterThan(235);
    // Row 50 lies 70 mm down, on the 15th slice: each column is that slice's column summed front
    // to back in attenuation relative to water (12 per mm), from DCMTK's HU.
    const projection = rawPixels(scout);
    const axial = rawPixels(slice(70));
    for (const column of [40, 90, 128, 170, 220]) {
      let mm = 0;
      for (let row = 0; row < 256; row++) {
        mm += Math.max(0, (axial[row * 256 + column]! - 1024 + 1000) / 1000) * 1.4;
      }
      expect(Math.abs(projection[50 * 256 + column]! - Math.round(mm * 12))).toBeLessThanOrEqual(1);
    }
    // The spine shows brighter than the lungs beside it.
    expect(projection[50 * 256 + 128]!).toBeGreaterThan(projection[50 * 256 + 64]! + 300);
  });

  /** A CT slice's HU as DCMTK reads them, at a point given in mm (x to the left, y posterior). */
  function ctSlice(depthMm: number): (xMm: number, yMm: number) => number {
    const name = `slice-${String(depthMm / 5 + 1).padStart(3, '0')}.dcm`;
    execFileSync('dcmdump', ['+W', outDir, '+P', '7fe0,0010', path.join(outDir, 'ct-chest', name)]);
    const bytes = readFileSync(path.join(outDir, `${name}.0.raw`));
    const pixels = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    return (x, y) => pixels[Math.round(y / 1.4 + 128) * 256 + Math.round(x / 1.4 + 128)]! - 1024;
  }

  /** The median of the HU in a square of side 2r + 1 pixels around a point. */
  function medianAround(hu: (x: number, y: number) => number, x: number, y: number, r = 3) {
    const values: number[] = [];
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) values.push(hu(x + dx * 1.4, y + dy * 1.4));
    }
    return values.sort((a, b) => a - b)[values.length >> 1]!;
  }

  it('stores a chest that DCMTK reads back in HU: air, lungs, airway, bone, heart, liver, and the nodule to measure', () => {
    const apex = ctSlice(15);
    expect(apex(-170, -170)).toBeLessThan(-900);
    expect(apex(0, 15)).toBeLessThan(-900);
    expect(apex(0, 5)).toBeGreaterThan(-200);
    const nodule = ctSlice(60);
    expect(medianAround(nodule, -86, -14, 2)).toBeGreaterThan(-100);
    for (const [dx, dy] of [
      [-14, 0],
      [14, 0],
      [0, -14],
      [0, 14],
    ] as const) {
      expect(medianAround(nodule, -86 + dx, -14 + dy)).toBeLessThan(-700);
    }
    const heart = ctSlice(150);
    expect(medianAround(heart, 20, -24)).toBeGreaterThan(20);
    expect(medianAround(heart, 20, -24)).toBeLessThan(70);
    expect(medianAround(heart, -110, 20)).toBeLessThan(-700);
    expect(medianAround(heart, 110, -10)).toBeLessThan(-700);
    expect(medianAround(heart, 0, 62)).toBeGreaterThan(150);
    expect(medianAround(ctSlice(235), -60, 0)).toBeGreaterThan(40);
  });

  it('gives the triage queue a flagged study: the shipped model flags the follow-up at every operating point and the first film at none', async () => {
    const io = capture();
    const films = ['xr-chest-1/image.dcm', 'xr-chest-2/image.dcm'];
    const status = await main(
      ['classify', ...films.map((name) => path.join(outDir, name)), '--json'],
      io,
    );
    expect(status).toBe(0);
    const rows = JSON.parse(io.out.join('')) as {
      outOfScope: unknown;
      probabilities: { pneumonia: number };
      findings: { operatingPoint: string; flagged: boolean }[];
    }[];
    const [first, followUp] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect([first.outOfScope, followUp.outOfScope]).toEqual([null, null]);
    expect(first.findings.map((finding) => finding.flagged)).toEqual([false, false]);
    expect(followUp.findings.map((finding) => finding.flagged)).toEqual([true, true]);
    expect(followUp.probabilities.pneumonia).toBeGreaterThan(first.probabilities.pneumonia + 0.2);
  });
});
