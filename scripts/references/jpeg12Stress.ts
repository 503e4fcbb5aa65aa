/**
 * A 12-bit lossy JPEG stress set, encoded and decoded by DCMTK (never by lib/dicom): the WG04
 * MR1_UNC header (512x512) with its pixels replaced by 8x8 blocks that drive the DCT to its
 * extremes (checkerboards and stripes of 0/4095, half-blocks, uniform noise, two-level noise),
 * compressed by `dcmcjpeg` as extended sequential, spectral selection and full progression at
 * qualities 100, 90 and 75, each decompressed again by `dcmdjpeg` (IJG libjpeg, 12-bit) and
 * dumped with `gdcmraw`. The real files cover one progressive 12-bit stream only; this covers
 * coefficient overflow, clamping at 0 and 4095, and successive approximation with many negative
 * coefficients.
 *
 * Cached under tests/.work/references/<version>/jpeg12-stress/ (bump REFERENCE_VERSION in
 * ./dicom.ts when this changes). Run directly to build it:
 * `npx tsx scripts/references/jpeg12Stress.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { referenceRoot } from './dicom';

export interface StressCase {
  /** e.g. 'progressive q90'. */
  name: string;
  /** The DCMTK-compressed file. */
  file: string;
  /** dcmdjpeg's decompressed stored values, little-endian uint16. */
  reference: string;
}

const SIZE = 512;
const MODES: [string, string][] = [
  ['extended', '+ee'],
  ['spectral', '+es'],
  ['progressive', '+ep'],
];
const QUALITIES = [100, 90, 75];

export const stressDir = path.join(referenceRoot, 'jpeg12-stress');

function tool(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The stress pixels: block pattern by block index, noise from a fixed LCG (deterministic). */
export function stressPixels(): Uint16Array {
  const pixels = new Uint16Array(SIZE * SIZE);
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const blocks = SIZE / 8;
  for (let by = 0; by < blocks; by++) {
    for (let bx = 0; bx < blocks; bx++) {
      const kind = (by * blocks + bx) % 6;
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const high = [(x + y) % 2 === 1, x % 2 === 1, y % 2 === 0, false, random() < 0.5, x < 4][
            kind
          ]!;
          pixels[(by * 8 + y) * SIZE + bx * 8 + x] =
            kind === 3 ? Math.floor(random() * 4096) : high ? 4095 : 0;
        }
      }
    }
  }
  return pixels;
}

/** Builds (or finds in the cache) every stress case. */
export function ensureJpeg12Stress(sharedDicomDir: string): StressCase[] {
  const cases = MODES.flatMap(([mode, option]) =>
    QUALITIES.map((q) => ({ mode, option, q, stem: path.join(stressDir, `${mode}-q${q}`) })),
  );
  const done = path.join(stressDir, 'done');
  if (!existsSync(done)) {
    rmSync(stressDir, { recursive: true, force: true });
    mkdirSync(stressDir, { recursive: true });
    const raw = path.join(stressDir, 'stress.raw');
    const source = path.join(stressDir, 'stress.dcm');
    const pixels = stressPixels();
    writeFileSync(raw, new Uint8Array(pixels.buffer));
    writeFileSync(source, readFileSync(path.join(sharedDicomDir, 'nema-wg04', 'MR1_UNC')));
    tool('dcmodify', [
      '-nb',
      '-m',
      '(0028,0101)=12',
      '-m',
      '(0028,0102)=11',
      '-m',
      '(0028,0103)=0',
      '-e',
      '(0028,0106)',
      '-e',
      '(0028,0107)',
      '-mf',
      `PixelData=${raw}`,
      source,
    ]);
    for (const c of cases) {
      tool('dcmcjpeg', [c.option, '+q', String(c.q), source, `${c.stem}.dcm`]);
      tool('dcmdjpeg', [`${c.stem}.dcm`, `${c.stem}.decompressed.dcm`]);
      tool('gdcmraw', [
        '-i',
        `${c.stem}.decompressed.dcm`,
        '-t',
        '7fe0,0010',
        '-o',
        `${c.stem}.raw`,
      ]);
      rmSync(`${c.stem}.decompressed.dcm`);
    }
    writeFileSync(done, '');
  }
  return cases.map((c) => ({
    name: `${c.mode} q${c.q}`,
    file: `${c.stem}.dcm`,
    reference: `${c.stem}.raw`,
  }));
}

if (require.main === module) {
  const shared =
    process.argv[2] ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'dicom');
  for (const c of ensureJpeg12Stress(shared)) console.log(c.name, c.file);
}
