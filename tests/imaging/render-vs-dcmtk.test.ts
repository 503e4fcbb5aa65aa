/**
 * `secondlook render` against DCMTK's dcmj2pnm, an independent renderer, on real files with the
 * same window. Tolerance: our value minus DCMTK's is 0 or +1, never anything else. DCMTK
 * truncates the window output to an integer where we round to nearest, so wherever the exact
 * grey level y has a fractional part of .5 or more we are one level higher (about half of the
 * pixels); a wrong formula, a wrong modality LUT, a missing or doubled
 * MONOCHROME1 inversion would each show as larger or negative differences.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import type { CommandIO } from '../../bin/command';
import { decodeFrame, parseDicom, readPixelModule } from '../../lib/dicom';
import { applyModalityLut, applyVoi, quantiseToUint8, type DisplayImage } from '../../lib/imaging';
import { decodePng } from '../../lib/imaging/node';
import { sharedDicomDir, workDir } from '../support/paths';

const ct = path.join(
  sharedDicomDir,
  'cornerstone3D',
  'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
);
const chest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const out = (name: string) => path.join(workDir, 'render', name);

const io: CommandIO = { stdout: () => undefined, stderr: () => undefined, stdin: process.stdin };

function dcmj2pnm(args: string[], input: string, output: string): DisplayImage {
  const run = spawnSync('dcmj2pnm', [...args, '+on', input, output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dcmj2pnm failed: ${run.stderr}`);
  return decodePng(readFileSync(output));
}

/** Differences ours - DCMTK, counted by value; and how many grey levels the image uses. */
function compare(ours: DisplayImage, theirs: DisplayImage) {
  expect([ours.width, ours.height, ours.channels]).toEqual([theirs.width, theirs.height, 1]);
  const differences = new Map<number, number>();
  for (let i = 0; i < ours.data.length; i++) {
    const d = ours.data[i]! - theirs.data[i]!;
    differences.set(d, (differences.get(d) ?? 0) + 1);
  }
  return { differences, levels: new Set(theirs.data).size, pixels: ours.data.length };
}

function expectWithinTruncation(result: ReturnType<typeof compare>, minLevels = 100) {
  expect([...result.differences.keys()].every((d) => d === 0 || d === 1)).toBe(true);
  // Not a vacuous comparison: a real grey ramp, and (fractional parts being spread evenly)
  // roughly half the pixels equal outright.
  expect(result.levels).toBeGreaterThan(minLevels);
  expect(result.differences.get(0)!).toBeGreaterThan(result.pixels * 0.4);
}

beforeAll(() => mkdirSync(out(''), { recursive: true }));

describe('render vs dcmj2pnm', () => {
  it('CT slice, lung preset (-600/1500) = dcmj2pnm +Ww -600 1500', async () => {
    expect(await main(['render', ct, '--out', out('ct-lung.png'), '--preset', 'lung'], io)).toBe(0);
    const ours = decodePng(readFileSync(out('ct-lung.png')));
    expectWithinTruncation(
      compare(ours, dcmj2pnm(['+Ww', '-600', '1500'], ct, out('ct-lung-dcmtk.png'))),
    );
  });

  it('MONOCHROME1 chest, the file window 550/1024 = dcmj2pnm +Wi 1', async () => {
    expect(await main(['render', chest, '--out', out('chest.png')], io)).toBe(0);
    const ours = decodePng(readFileSync(out('chest.png')));
    const theirs = dcmj2pnm(['+Wi', '1'], chest, out('chest-dcmtk.png'));
    expectWithinTruncation(compare(ours, theirs));
    // and it is inverted: rendering it as if MONOCHROME2 is the mirror image of DCMTK's
    expect(await main(['render', chest, '--out', out('chest-inv.png'), '--invert'], io)).toBe(0);
    const flipped = decodePng(readFileSync(out('chest-inv.png')));
    const mirrored = { ...theirs, data: theirs.data.map((v) => 255 - v) };
    const result = compare(flipped, mirrored);
    expect([...result.differences.keys()].every((d) => d === 0 || d === -1)).toBe(true);
  });

  it('Modality LUT Sequence (IHE MESA mlut_18, first mapped -2048) = dcmj2pnm, same window', async () => {
    const file = path.join(sharedDicomDir, 'pydicom-data', 'mlut_18.dcm');
    const args = ['render', file, '--out', out('mlut.png'), '--window=32768,65536'];
    expect(await main(args, io)).toBe(0);
    const ours = decodePng(readFileSync(out('mlut.png')));
    const theirs = dcmj2pnm(['+Ww', '32768', '65536'], file, out('mlut-dcmtk.png'));
    expectWithinTruncation(compare(ours, theirs), 10); // a test pattern: few grey levels
  });

  it('VOI LUT Sequence (IHE MESA vlut_04) = dcmj2pnm +Wl 1, exactly', async () => {
    // The LUT's 16-bit entries are multiples of 257, so entry / 65535 * 255 is an integer:
    // no rounding question, the two renderings must be identical.
    const file = path.join(sharedDicomDir, 'pydicom-data', 'vlut_04.dcm');
    expect(await main(['render', file, '--out', out('vlut.png')], io)).toBe(0);
    const ours = decodePng(readFileSync(out('vlut.png')));
    const result = compare(ours, dcmj2pnm(['+Wl', '1'], file, out('vlut-dcmtk.png')));
    expect([...result.differences.keys()]).toEqual([0]);
    expect(result.levels).toBeGreaterThan(10);
  });

  it('SIGMOID 40/400 on the CT = dcmj2pnm +Ww 40 400 +Wfs', async () => {
    const dicom = parseDicom(new Uint8Array(readFileSync(ct)), { file: ct });
    const frame = await decodeFrame(dicom, 0);
    const hu = applyModalityLut(frame.pixels, readPixelModule(dicom));
    const unit = applyVoi(hu, { kind: 'window', fn: 'SIGMOID', center: 40, width: 400 });
    const ours: DisplayImage = {
      width: 512,
      height: 512,
      channels: 1,
      data: quantiseToUint8(unit),
    };
    const theirs = dcmj2pnm(['+Ww', '40', '400', '+Wfs'], ct, out('ct-sigmoid-dcmtk.png'));
    expectWithinTruncation(compare(ours, theirs));
  });
});
