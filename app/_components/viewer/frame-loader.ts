/**
 * Loads one frame for the viewer through lib/dicom, the same parse -> framing -> decode path the
 * CLI, the screening worker and the tests use, then the modality LUT of lib/imaging. Nothing here
 * imports Cornerstone, so the study page can start the first frame while the viewer chunk loads.
 */
import {
  codecFor,
  decodeFrame,
  parseDicom,
  readInstanceMetadata,
  readFrameMetadata,
  readPixelModule,
  readProjectionSpacing,
  readPatientOrientation,
  TS,
  type DecodedFrame,
  type DicomFile,
  type FrameMetadata,
  type InstanceMetadata,
  type PixelModule,
} from '@/lib/dicom';
import {
  applyModalityLut,
  measurementScale,
  openingWindow,
  parseVoiLutFunction,
  renderDisplay,
  type MeasurementScale,
} from '@/lib/imaging';
import { leaveIfSignedOut } from '../api-client';
import { FileCache } from './file-cache';
import { markOnce, marks } from './performance-marks';

/** The image id scheme of frames loaded here: `secondlook:<url>?frame=N` (N 1-based). */
export const imageScheme = 'secondlook';

export function imageIdOf(url: string, frame: number): string {
  return `${imageScheme}:${url}?frame=${frame}`;
}

/** `GET /api/instances/:id/display`: the frame as the viewer opens it, rendered by the server. */
export function openingImageUrl(image: { instanceId: string; frame: number }): string {
  return `/api/instances/${image.instanceId}/display?frame=${image.frame}`;
}

function parseImageId(imageId: string): { url: string; frame: number } {
  const match = /^secondlook:(.+)\?frame=(\d+)$/.exec(imageId);
  if (!match) throw new Error(`not a viewer image id: ${imageId}`);
  return { url: match[1]!, frame: Number(match[2]) };
}

export interface LoadedFrame {
  imageId: string;
  meta: InstanceMetadata;
  pixelModule: PixelModule;
  frameMeta: FrameMetadata;
  /** How far apart the pixels are for measuring (a radiograph's: at the detector, or corrected). */
  scale: MeasurementScale;
  /** (0020,0020): a radiograph's row and column directions in the patient, e.g. ['L', 'F']. */
  patientOrientation: string[] | null;
  transferSyntaxUID: string;
  decoded: DecodedFrame;
  /** Greyscale: modality values (HU for CT); null for colour. */
  values: Float32Array | null;
  /** Colour: RGB at 8 bits (wider samples scaled by lib/imaging); null for greyscale. */
  rgb: Uint8Array | null;
  /** The window the image opens with (lib/imaging's `openingWindow` for greyscale). */
  window: { center: number; width: number };
  voiLutFunction: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';
  decodeMs: number;
}

/**
 * Parsed instances (file-cache.ts): those the viewers hold, and the last two nobody holds, up to
 * 256 MiB. The AI panel's run on the image on screen reads its file again (a chest radiograph is
 * tens of megabytes: fetched once, not twice).
 */
const files = new FileCache<DicomFile>(
  { unheldFiles: 2, unheldBytes: 256 * 2 ** 20 },
  fetchFile,
  (file) => file.bytes.byteLength,
);

/** The files with several frames in a stack: a viewer showing it decodes each frame from them. */
export function multiFrameFiles(imageIds: readonly string[]): string[] {
  const frames = new Map<string, number>();
  for (const imageId of imageIds) {
    const { url } = parseImageId(imageId);
    frames.set(url, (frames.get(url) ?? 0) + 1);
  }
  return [...frames].filter(([, count]) => count > 1).map(([url]) => url);
}

/**
 * `viewer` holds exactly these files, and the file of `current`, the image it shows (the AI
 * panel reads it); nothing, to let them all go.
 */
export function holdFiles(
  viewer: object,
  stackFiles: readonly string[],
  current: string | undefined,
): void {
  files.hold(viewer, current ? [...stackFiles, parseImageId(current).url] : stackFiles);
}

/** Frames started ahead of the viewer (see `preloadFrame`), until the viewer takes them. */
const started = new Map<string, Promise<LoadedFrame>>();

async function fetchFile(url: string): Promise<DicomFile> {
  const response = await fetch(url, { credentials: 'same-origin' });
  leaveIfSignedOut(response);
  if (!response.ok) throw new Error(`the instance could not be fetched (HTTP ${response.status})`);
  return parseDicom(new Uint8Array(await response.arrayBuffer()), { file: url });
}

/** The parsed instance at `url` (the app's file route), fetched once while it is kept. */
export function dicomFileFor(url: string): Promise<DicomFile> {
  return files.get(url);
}

async function load(imageId: string): Promise<LoadedFrame> {
  const { url, frame } = parseImageId(imageId);
  const file = await dicomFileFor(url);
  const begun = performance.now();
  const pixelModule = readPixelModule(file);
  const frameMeta = readFrameMetadata(file, frame - 1);
  const decoded = await decodeFrame(file, frame - 1);
  const grey = decoded.samplesPerPixel === 1;
  const values = grey
    ? applyModalityLut(decoded.pixels, {
        rescaleSlope: frameMeta.rescaleSlope,
        rescaleIntercept: frameMeta.rescaleIntercept,
        modalityLut: pixelModule.modalityLut,
      })
    : null;
  const rgb = grey ? null : renderDisplay(decoded, { ...pixelModule, ...frameMeta }).data;
  const window = values
    ? openingWindow(frameMeta.windows, values)
    : (frameMeta.windows[0] ?? { center: 128, width: 256 });
  markOnce(marks.frameDecoded);
  return {
    imageId,
    meta: readInstanceMetadata(file),
    pixelModule,
    frameMeta,
    scale: measurementScale(frameMeta, readProjectionSpacing(file)),
    patientOrientation: readPatientOrientation(file),
    transferSyntaxUID: file.encoding.transferSyntaxUID,
    decoded,
    values,
    rgb,
    window: { center: window.center, width: window.width },
    voiLutFunction: parseVoiLutFunction(pixelModule.voiLutFunction),
    decodeMs: performance.now() - begun,
  };
}

/** Starts loading a frame the viewer will ask for soon (the first image of the page). */
export function preloadFrame(imageId: string): Promise<LoadedFrame> {
  let loading = started.get(imageId);
  if (!loading) {
    // Most series are uncompressed: have that codec ready when the bytes arrive.
    codecFor(TS.ExplicitLE)
      ?.load()
      .catch(() => undefined);
    loading = load(imageId);
    started.set(imageId, loading);
    loading.catch(() => started.delete(imageId));
  }
  return loading;
}

/** The frame, from a preload when one was started (which it then forgets), else loaded now. */
export function loadFrame(imageId: string): Promise<LoadedFrame> {
  const preloaded = started.get(imageId);
  if (!preloaded) return load(imageId);
  started.delete(imageId);
  return preloaded;
}
