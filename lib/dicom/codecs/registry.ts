/**
 * The one table of codecs, keyed by transfer syntax UID. Each codec lives in its own file and
 * is loaded on first use with a dynamic import, so a bundle only pulls the wasm it needs.
 */
import { TS } from '../tags';
import type { Codec } from './types';

export interface CodecEntry {
  name: string;
  /** Frames are encapsulated (fragments) rather than native. */
  encapsulated: boolean;
  /** Lossy transfer syntax: decoded values differ from the original. */
  lossy: boolean;
  load: () => Promise<Codec>;
}

/** Loads a codec module once; later calls get the same promise (no repeated import()). */
function once(load: () => Promise<Codec>): () => Promise<Codec> {
  let loaded: Promise<Codec> | null = null;
  return () => {
    loaded ??= load();
    loaded.catch(() => (loaded = null));
    return loaded;
  };
}

const native = once(() => import('./native').then((m) => m.decodeNative));
const rle = once(() => import('./rle').then((m) => m.decodeRLE));
const jpegBaseline = once(() => import('./jpeg').then((m) => m.decodeJPEG));
const jpegLossless = once(() => import('./jpegLossless').then((m) => m.decodeJPEGLossless));
const jpegLS = once(() => import('./jpegls').then((m) => m.decodeJPEGLS));
const jpeg2000 = once(() => import('./jpeg2000').then((m) => m.decodeJPEG2000));
const htj2k = once(() => import('./htj2k').then((m) => m.decodeHTJ2K));
const deflatedFrame = once(() => import('./deflatedFrame').then((m) => m.decodeDeflatedFrame));

export const CODECS: Readonly<Record<string, CodecEntry>> = {
  [TS.ImplicitLE]: {
    name: 'Implicit VR Little Endian',
    encapsulated: false,
    lossy: false,
    load: native,
  },
  [TS.ExplicitLE]: {
    name: 'Explicit VR Little Endian',
    encapsulated: false,
    lossy: false,
    load: native,
  },
  [TS.DeflatedLE]: {
    name: 'Deflated Explicit VR Little Endian',
    encapsulated: false,
    lossy: false,
    load: native,
  },
  [TS.ExplicitBE]: {
    name: 'Explicit VR Big Endian',
    encapsulated: false,
    lossy: false,
    load: native,
  },
  [TS.RLELossless]: { name: 'RLE Lossless', encapsulated: true, lossy: false, load: rle },
  [TS.JPEGBaseline]: {
    name: 'JPEG Baseline (Process 1)',
    encapsulated: true,
    lossy: true,
    load: jpegBaseline,
  },
  [TS.JPEGExtended]: {
    name: 'JPEG Extended (Process 2 & 4)',
    encapsulated: true,
    lossy: true,
    load: jpegBaseline,
  },
  [TS.JPEGSpectral]: {
    name: 'JPEG Spectral Selection (Process 6 & 8)',
    encapsulated: true,
    lossy: true,
    load: jpegBaseline,
  },
  [TS.JPEGProgressive]: {
    name: 'JPEG Full Progression (Process 10 & 12)',
    encapsulated: true,
    lossy: true,
    load: jpegBaseline,
  },
  [TS.JPEGLossless]: {
    name: 'JPEG Lossless (Process 14)',
    encapsulated: true,
    lossy: false,
    load: jpegLossless,
  },
  [TS.JPEGLosslessSV1]: {
    name: 'JPEG Lossless SV1 (Process 14)',
    encapsulated: true,
    lossy: false,
    load: jpegLossless,
  },
  [TS.JPEGLSLossless]: { name: 'JPEG-LS Lossless', encapsulated: true, lossy: false, load: jpegLS },
  [TS.JPEGLSNearLossless]: {
    name: 'JPEG-LS Near-Lossless',
    encapsulated: true,
    lossy: true,
    load: jpegLS,
  },
  [TS.JPEG2000Lossless]: {
    name: 'JPEG 2000 Lossless',
    encapsulated: true,
    lossy: false,
    load: jpeg2000,
  },
  [TS.JPEG2000]: { name: 'JPEG 2000', encapsulated: true, lossy: true, load: jpeg2000 },
  [TS.HTJ2KLossless]: { name: 'HTJ2K Lossless', encapsulated: true, lossy: false, load: htj2k },
  [TS.HTJ2KLosslessRPCL]: {
    name: 'HTJ2K Lossless RPCL',
    encapsulated: true,
    lossy: false,
    load: htj2k,
  },
  [TS.HTJ2K]: { name: 'HTJ2K', encapsulated: true, lossy: true, load: htj2k },
  [TS.DeflatedImageFrame]: {
    name: 'Deflated Image Frame',
    encapsulated: true,
    lossy: false,
    load: deflatedFrame,
  },
};

export function codecFor(transferSyntaxUID: string): CodecEntry | null {
  return CODECS[transferSyntaxUID] ?? null;
}
