/**
 * A full series load as the viewer and the model need it: read each file, parse, decode the
 * frame and write modality values (HU) into one volume, whose type lib/imaging chooses from
 * the data (Int16Array for CT with an integral rescale, Float32Array when it must); and the
 * peer it is measured against, reading the same files into one buffer with a plain copy.
 *
 * The load reads every file into one reused buffer (the file's bytes, the parsed dataset and
 * the decoded frame, a view of those bytes, live only until the next file is read), so the
 * only memory it touches beyond that buffer is the volume itself.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { decodeFrame, parseDicom, readPixelModule } from '../../lib/dicom';
import { SecondlookError } from '../../lib/errors';
import {
  ModalityVolumeBuilder,
  type ModalityVolumeData,
  type ModalityVolumeType,
} from '../../lib/imaging';

export interface Volume {
  width: number;
  height: number;
  depth: number;
  /** Modality values (HU), slice after slice in the order of `files`. */
  data: ModalityVolumeData;
  type: ModalityVolumeType;
}

/** Milliseconds spent in each step of loadVolume, summed over the files. */
export interface LoadTimings {
  read: number;
  parse: number;
  decode: number;
  modalityLut: number;
}

const clock = () => Number(process.hrtime.bigint()) / 1e6;

/** Reads whole files into one buffer that grows as needed; each read overwrites the last. */
export class ReusedFileReader {
  private buffer = new Uint8Array(0);

  read(file: string): Uint8Array {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (this.buffer.length < size) this.buffer = new Uint8Array(size + (size >> 3));
      let filled = 0;
      while (filled < size) {
        const got = readSync(fd, this.buffer, filled, size - filled, filled);
        if (got === 0) break;
        filled += got;
      }
      return this.buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  }
}

export async function loadVolume(
  files: string[],
  width: number,
  height: number,
  timings: LoadTimings = { read: 0, parse: 0, decode: 0, modalityLut: 0 },
): Promise<Volume> {
  const volume = new ModalityVolumeBuilder(width * height, files.length);
  const reader = new ReusedFileReader();
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    let at = clock();
    const bytes = reader.read(file);
    timings.read += clock() - at;
    at = clock();
    const dicom = parseDicom(bytes, { file });
    const pixelModule = readPixelModule(dicom);
    timings.parse += clock() - at;
    at = clock();
    const frame = await decodeFrame(dicom, 0);
    timings.decode += clock() - at;
    if (frame.rows !== height || frame.columns !== width || frame.samplesPerPixel !== 1) {
      throw new SecondlookError(
        'BAD_SIZE',
        `${frame.columns}x${frame.rows}x${frame.samplesPerPixel} frame in a ${width}x${height} grayscale volume`,
        { file },
      );
    }
    at = clock();
    volume.writeSlice(i, frame.pixels, pixelModule);
    timings.modalityLut += clock() - at;
  }
  return { width, height, depth: files.length, data: volume.data, type: volume.type };
}

/** The memcpy peer: read every file and copy its bytes into one buffer. */
export function copyFiles(files: string[], totalBytes: number): Buffer {
  const out = Buffer.allocUnsafe(totalBytes);
  let at = 0;
  for (const file of files) at += readFileSync(file).copy(out, at);
  return out;
}
