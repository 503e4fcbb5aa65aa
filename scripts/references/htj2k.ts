/**
 * HTJ2K reference pixels, made without lib/dicom: DCMTK `dcmdump +W` writes each item of the
 * encapsulated Pixel Data to its own file (item 0 is the Basic Offset Table), the items are
 * grouped into frames here, and OpenJPEG 2.5's `opj_decompress` (which reads Part 15
 * codestreams) decodes each frame to little-endian component planes (`.rawl`).
 *
 * The frames are concatenated into one file laid out like native Pixel Data with
 * PlanarConfiguration 1 (each frame: all of component 0, then 1, then 2).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HTJ2KShape {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  frames: number;
}

const TOOL_TIMEOUT = 120_000;

function tool(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { timeout: TOOL_TIMEOUT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The items of the Pixel Data sequence, in order, as dcmdump +W wrote them. */
function pixelItems(file: string, dir: string): Buffer[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  tool('dcmdump', ['-q', '+W', dir, file]);
  const items = readdirSync(dir)
    .map((name) => ({ name, index: /\.(\d+)\.raw$/.exec(name)?.[1] }))
    .filter((e): e is { name: string; index: string } => e.index !== undefined)
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((e) => readFileSync(path.join(dir, e.name)));
  rmSync(dir, { recursive: true, force: true });
  if (items.length < 2) throw new Error('dcmdump +W found no encapsulated pixel items');
  return items;
}

/**
 * Fragments to frames (PS3.5 A.4): by the Basic Offset Table when it has one offset per frame;
 * with an empty table, all fragments for a single frame or one fragment per frame.
 */
export function framesFromItems(items: Buffer[], frames: number): Buffer[] {
  const [table, ...fragments] = items;
  if (table!.length > 0) {
    if (table!.length !== 4 * frames)
      throw new Error(`offset table of ${table!.length} bytes for ${frames} frames`);
    const offsets = Array.from({ length: frames }, (_, i) => table!.readUInt32LE(4 * i));
    const groups: Buffer[][] = offsets.map(() => []);
    let at = 0;
    for (const fragment of fragments) {
      let frame = offsets.length - 1;
      while (frame > 0 && offsets[frame]! > at) frame--;
      groups[frame]!.push(fragment);
      at += 8 + fragment.length;
    }
    return groups.map((g) => Buffer.concat(g));
  }
  if (frames === 1) return [Buffer.concat(fragments)];
  if (fragments.length === frames) return fragments;
  throw new Error(`${fragments.length} fragments for ${frames} frames and no offset table`);
}

/**
 * Decodes every frame of an HTJ2K file into `out`; returns the bytes per sample of the result
 * (1 for precision up to 8 bits, 2 above).
 */
export function decodeHTJ2KWithOpenJPEG(file: string, out: string, shape: HTJ2KShape): number {
  const work = path.join(path.dirname(out), 'htj2k-work');
  const frames = framesFromItems(pixelItems(file, work), shape.frames);
  mkdirSync(work, { recursive: true });
  const planes: Buffer[] = [];
  const samples = shape.rows * shape.columns * shape.samplesPerPixel;
  let bytesPerSample = 0;
  frames.forEach((codestream, i) => {
    const input = path.join(work, `frame${i}.j2c`);
    const output = path.join(work, `frame${i}.rawl`);
    writeFileSync(input, codestream);
    tool('opj_decompress', ['-quiet', '-i', input, '-o', output]);
    const size = statSync(output).size;
    const width = size / samples;
    if (width !== 1 && width !== 2)
      throw new Error(`opj_decompress wrote ${size} bytes for ${samples} samples (frame ${i})`);
    if (bytesPerSample && width !== bytesPerSample) throw new Error('frames differ in precision');
    bytesPerSample = width;
    planes.push(readFileSync(output));
  });
  rmSync(work, { recursive: true, force: true });
  writeFileSync(out, Buffer.concat(planes));
  return bytesPerSample;
}
