/**
 * A full series load as the viewer and the model need it: read each file, parse, decode the
 * frame and write Hounsfield units into one Float32Array volume; and the peer it is measured
 * against, reading the same files into one buffer with a plain copy.
 */
import { readFileSync } from 'node:fs';
import { decodeFrame, parseDicom, readPixelModule } from '../../lib/dicom';
import { applyModalityLut } from '../../lib/imaging';

export interface Volume {
  width: number;
  height: number;
  depth: number;
  /** Modality values (HU), slice after slice in the order of `files`. */
  data: Float32Array;
}

/** Milliseconds spent in each step of loadVolume, summed over the files. */
export interface LoadTimings {
  read: number;
  parse: number;
  decode: number;
  modalityLut: number;
}

const clock = () => Number(process.hrtime.bigint()) / 1e6;

export async function loadVolume(
  files: string[],
  width: number,
  height: number,
  timings: LoadTimings = { read: 0, parse: 0, decode: 0, modalityLut: 0 },
): Promise<Volume> {
  const sliceSize = width * height;
  const data = new Float32Array(sliceSize * files.length);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    let at = clock();
    const bytes = readFileSync(file);
    timings.read += clock() - at;
    at = clock();
    const dicom = parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      file,
    });
    const pixelModule = readPixelModule(dicom);
    timings.parse += clock() - at;
    at = clock();
    const frame = await decodeFrame(dicom, 0);
    timings.decode += clock() - at;
    at = clock();
    applyModalityLut(frame.pixels, pixelModule, data.subarray(i * sliceSize, (i + 1) * sliceSize));
    timings.modalityLut += clock() - at;
  }
  return { width, height, depth: files.length, data };
}

/** The memcpy peer: read every file and copy its bytes into one buffer. */
export function copyFiles(files: string[], totalBytes: number): Buffer {
  const out = Buffer.allocUnsafe(totalBytes);
  let at = 0;
  for (const file of files) at += readFileSync(file).copy(out, at);
  return out;
}
