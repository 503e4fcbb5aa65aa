/**
 * Modality values of an uncompressed file as DCMTK reads it, independently of lib/dicom: the
 * pixel data that `dcmdump +W` writes out raw, and the rescale slope and intercept from the same
 * dump; HU = slope * stored + intercept, in float64, for every frame.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { workDir } from '../support/paths';

function dumped(dump: string, tag: string): string | null {
  const match = new RegExp(`^\\(${tag}\\) \\w\\w (?:\\[([^\\]]*)\\]|(\\S+))`, 'm').exec(dump);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export interface DcmtkModality {
  rows: number;
  columns: number;
  /** Every frame's values follow the one before (frame-major). */
  frames: number;
  slope: number;
  intercept: number;
  hu: Float64Array;
}

export function dcmtkModalityValues(file: string): DcmtkModality {
  mkdirSync(workDir, { recursive: true });
  const dir = mkdtempSync(path.join(workDir, 'dcmdump-raw-'));
  try {
    const run = spawnSync('dcmdump', ['+W', dir, file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`dcmdump failed on ${file}: ${run.stderr}`);
    const dump = run.stdout;
    const number = (tag: string, fallback?: number): number => {
      const text = dumped(dump, tag);
      if (text === null && fallback !== undefined) return fallback;
      if (text === null) throw new Error(`dcmdump shows no (${tag}) in ${file}`);
      return Number(text);
    };
    const stored = number('0028,0101');
    if (number('0028,0100') !== 16 || number('0028,0102') !== stored - 1) {
      throw new Error(`${file}: this reference reads 16-bit samples stored from bit 0`);
    }
    const raw = readdirSync(dir).filter((name) => name.endsWith('.raw'));
    if (raw.length !== 1) throw new Error(`dcmdump wrote ${raw.length} raw files for ${file}`);
    const bytes = readFileSync(path.join(dir, raw[0]!));
    const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const signed = number('0028,0103') === 1;
    const slope = number('0028,1053', 1);
    const intercept = number('0028,1052', 0);
    const rows = number('0028,0010');
    const columns = number('0028,0011');
    const frames = number('0028,0008', 1);
    const hu = new Float64Array(rows * columns * frames);
    // The bits above the stored ones are not part of the value (PS3.5 8.1.1): shifted out.
    const unused = 16 - stored;
    for (let i = 0; i < hu.length; i++) {
      const word = words.getUint16(2 * i, true) << (16 + unused);
      const value = signed ? word >> (16 + unused) : word >>> (16 + unused);
      hu[i] = slope * value + intercept;
    }
    return { rows, columns, frames, slope, intercept, hu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
