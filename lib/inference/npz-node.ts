/**
 * Node-only reader for NumPy `.npz` archives (a zip of `.npy` arrays), enough for the
 * PneumoniaMNIST evaluation data: stored or deflated entries, zip64 sizes, little-endian
 * uint8/int64/float32/float64 arrays in C order. Every length and offset is checked first.
 */
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { SecondlookError } from '../errors';

type NpyData = Uint8Array | Float32Array | Float64Array | BigInt64Array;

export interface NpyArray {
  shape: number[];
  dtype: string;
  data: NpyData;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;

function bad(file: string, message: string, offset?: number): never {
  throw new SecondlookError('NPZ_FORMAT', message, { file, offset });
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function readZip64(view: DataView, start: number, length: number, entry: ZipEntry): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = () => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

function zipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) bad(file, 'no zip end-of-central-directory record: not an .npz file');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY) {
      bad(file, 'bad zip central directory entry', at);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryBytes(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) {
    bad(file, `bad local header for ${entry.name}`, at);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) bad(file, `${entry.name} is truncated`, start);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method !== 8)
    bad(file, `${entry.name}: zip method ${entry.method} is not supported`, at);
  const out = new Uint8Array(inflateRawSync(raw));
  if (out.length !== entry.size) bad(file, `${entry.name} inflated to the wrong size`, start);
  return out;
}

const DTYPES: Record<string, { bytes: number; make: (buffer: ArrayBuffer) => NpyData }> = {
  '|u1': { bytes: 1, make: (buffer) => new Uint8Array(buffer) },
  '<f4': { bytes: 4, make: (buffer) => new Float32Array(buffer) },
  '<f8': { bytes: 8, make: (buffer) => new Float64Array(buffer) },
  '<i8': { bytes: 8, make: (buffer) => new BigInt64Array(buffer) },
};

/** Parses one `.npy` file's bytes. */
function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const magic = '\x93NUMPY';
  if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== magic) {
    bad(file, 'not an .npy array', 0);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined)
    bad(file, 'unreadable .npy header', headerStart);
  if (fortran === 'True') bad(file, 'Fortran-order arrays are not supported', headerStart);
  const dtype = DTYPES[descr];
  if (!dtype) bad(file, `dtype ${descr} is not supported`, headerStart);
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  const count = shape.reduce((product, size) => product * size, 1);
  const start = headerStart + headerLength;
  if (start + count * dtype.bytes > bytes.length) bad(file, 'array data is truncated', start);
  const copy = bytes.slice(start, start + count * dtype.bytes);
  return { shape, dtype: descr, data: dtype.make(copy.buffer) };
}

/** Reads every array of an `.npz` file, keyed by name without `.npy`. */
export async function readNpz(file: string): Promise<Map<string, NpyArray>> {
  const buffer = await readFile(file).catch((error: unknown) => {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SecondlookError('READ_FAILED', `cannot read the npz file: ${reason}`, { file });
  });
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const arrays = new Map<string, NpyArray>();
  for (const entry of zipEntries(bytes, file)) {
    const name = entry.name.replace(/\.npy$/, '');
    arrays.set(name, parseNpy(entryBytes(bytes, entry, file), `${file}:${entry.name}`));
  }
  return arrays;
}

export interface ImageSplit {
  split: string;
  count: number;
  height: number;
  width: number;
  /** [count, height, width] 8-bit display values. */
  images: Uint8Array;
  labels: Uint8Array;
}

/** One MedMNIST split (`<split>_images`, `<split>_labels`) of an `.npz` file. */
export async function readImageSplit(file: string, split: string): Promise<ImageSplit> {
  const arrays = await readNpz(file);
  const images = arrays.get(`${split}_images`);
  const labels = arrays.get(`${split}_labels`);
  if (!images || !labels) bad(file, `no "${split}" split`);
  const [count, height, width] = images.shape;
  if (
    !(images.data instanceof Uint8Array) ||
    !(labels.data instanceof Uint8Array) ||
    images.shape.length !== 3 ||
    labels.data.length !== count
  ) {
    bad(file, `the "${split}" split is not [N, H, W] uint8 images with N uint8 labels`);
  }
  return {
    split,
    count: count!,
    height: height!,
    width: width!,
    images: images.data,
    labels: labels.data,
  };
}
