/**
 * Cornerstone3D's image loader and metadata provider for `secondlook:` image ids, built on the
 * frames lib/dicom decodes (frame-loader.ts). Cornerstone gets modality values (pre-scaled, as
 * its own loader would give them) or RGB, and the metadata modules it reads, from the same parse.
 */
import { metaData, registerImageLoader, utilities, type Types } from '@cornerstonejs/core';
import { imageScheme, loadFrame, type LoadedFrame } from './frame-loader';

type Modules = Record<string, unknown>;

/** Metadata modules per image id, filled in as each frame loads. */
const modulesByImageId = new Map<string, Modules>();

const defaultOrientation = [1, 0, 0, 0, 1, 0];

function planeModule({
  meta,
  frameMeta,
  decoded,
  scale,
  patientOrientation,
}: LoadedFrame): Modules {
  const position = frameMeta.imagePositionPatient;
  const orientation = frameMeta.imageOrientationPatient;
  // lib/imaging's measuring scale: a cross-section's Pixel Spacing, a radiograph's at the detector
  // or corrected for magnification; none (zero or negative spacing, too) measures in pixels.
  const spacing = scale.spacing;
  const positioned = position?.length === 3 && orientation?.length === 6;
  const cosines = orientation?.length === 6 ? orientation : defaultOrientation;
  return {
    frameOfReferenceUID: meta.frameOfReferenceUID ?? undefined,
    rows: decoded.rows,
    columns: decoded.columns,
    imageOrientationPatient: cosines,
    rowCosines: cosines.slice(0, 3),
    columnCosines: cosines.slice(3, 6),
    imagePositionPatient: position?.length === 3 ? position : [0, 0, 0],
    sliceThickness: frameMeta.sliceThickness ?? undefined,
    pixelSpacing: spacing ?? undefined,
    rowPixelSpacing: spacing?.[0] ?? null,
    columnPixelSpacing: spacing?.[1] ?? null,
    // Made-up geometry is flagged as Cornerstone's own loader flags it, except where the pixels
    // have a measuring spacing (a radiograph's): with the flag up, Cornerstone measures in pixels.
    usingDefaultValues: !positioned && spacing === null,
    /** The image has a real position and orientation in the patient (the overlay shows it). */
    positioned,
    /** Without one, the row and column directions the file names (the orientation markers'). */
    patientOrientation,
  };
}

/** How a radiograph's spacing is known, as Cornerstone's calibration: it labels the units (`mm Proj`, …). */
function calibrationOf({ scale }: LoadedFrame): Modules | undefined {
  return scale.spacing && scale.calibration ? { type: scale.calibration } : undefined;
}

function modulesOf(frame: LoadedFrame): Modules {
  const { meta, pixelModule, frameMeta, decoded } = frame;
  const grey = decoded.samplesPerPixel === 1;
  return {
    imagePlaneModule: planeModule(frame),
    calibratedPixelSpacing: calibrationOf(frame),
    imagePixelModule: {
      samplesPerPixel: decoded.samplesPerPixel,
      photometricInterpretation: decoded.photometricInterpretation,
      rows: decoded.rows,
      columns: decoded.columns,
      bitsAllocated: grey ? pixelModule.bitsAllocated : 8,
      bitsStored: grey ? pixelModule.bitsStored : 8,
      highBit: grey ? pixelModule.highBit : 7,
      pixelRepresentation: grey ? pixelModule.pixelRepresentation : 0,
      planarConfiguration: 0,
    },
    voiLutModule: {
      windowCenter: frameMeta.windows.map((w) => w.center),
      windowWidth: frameMeta.windows.map((w) => w.width),
      windowCenterWidthExplanation: frameMeta.windows.map((w) => w.explanation ?? ''),
      voiLUTFunction: frame.voiLutFunction,
    },
    modalityLutModule: {
      rescaleSlope: frameMeta.rescaleSlope,
      rescaleIntercept: frameMeta.rescaleIntercept,
      rescaleType: pixelModule.rescaleType ?? undefined,
    },
    generalSeriesModule: {
      modality: meta.modality ?? undefined,
      seriesInstanceUID: meta.seriesInstanceUID ?? undefined,
      seriesNumber: meta.seriesNumber ?? undefined,
      studyInstanceUID: meta.studyInstanceUID ?? undefined,
    },
    generalImageModule: { instanceNumber: meta.instanceNumber ?? undefined },
    sopCommonModule: {
      sopClassUID: meta.sopClassUID ?? undefined,
      sopInstanceUID: meta.sopInstanceUID ?? undefined,
    },
    multiframeModule: { numberOfFrames: pixelModule.numberOfFrames },
    transferSyntax: { transferSyntaxUID: frame.transferSyntaxUID },
  };
}

function minMax(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Modality values as Int16 when every one is an integer that fits (half the memory). */
function compact(values: Float32Array): Float32Array | Int16Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== Math.round(v) || v < -32768 || v > 32767) return values;
  }
  return Int16Array.from(values);
}

/** An RGBA canvas of an RGB frame, for Cornerstone's CPU rendering path. */
function canvasOf(rgb: ArrayLike<number>, width: number, height: number): () => HTMLCanvasElement {
  let canvas: HTMLCanvasElement | null = null;
  return () => {
    if (canvas) return canvas;
    canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const image = new ImageData(width, height);
    for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
      image.data[j] = rgb[i]!;
      image.data[j + 1] = rgb[i + 1]!;
      image.data[j + 2] = rgb[i + 2]!;
      image.data[j + 3] = 255;
    }
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    return canvas;
  };
}

function toImage(frame: LoadedFrame): Types.IImage {
  const { decoded, frameMeta } = frame;
  const grey = frame.values !== null;
  const pixels = frame.values ? compact(frame.values) : (frame.rgb ?? new Uint8Array(0));
  const { min, max } = minMax(pixels);
  const width = decoded.columns;
  const height = decoded.rows;
  const components = decoded.samplesPerPixel;
  const plane = planeModule(frame);
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    scalarData: pixels,
    width,
    height,
    numberOfComponents: components,
  });
  return {
    imageId: frame.imageId,
    dataType: pixels instanceof Int16Array ? 'Int16Array' : grey ? 'Float32Array' : 'Uint8Array',
    color: !grey,
    rgba: false,
    numberOfComponents: components,
    rows: height,
    columns: width,
    height,
    width,
    // The values are modality values already: Cornerstone must not rescale them again.
    preScale: {
      enabled: true,
      scaled: grey,
      scalingParameters: {
        modality: frame.meta.modality ?? undefined,
        rescaleSlope: frameMeta.rescaleSlope,
        rescaleIntercept: frameMeta.rescaleIntercept,
      },
    },
    slope: frameMeta.rescaleSlope,
    intercept: frameMeta.rescaleIntercept,
    minPixelValue: min,
    maxPixelValue: max,
    windowCenter: frame.window.center,
    windowWidth: frame.window.width,
    voiLUTFunction: frame.voiLutFunction as Types.IImage['voiLUTFunction'],
    invert: decoded.photometricInterpretation === 'MONOCHROME1',
    photometricInterpretation: decoded.photometricInterpretation,
    columnPixelSpacing: (plane.columnPixelSpacing as number | null) ?? 1,
    rowPixelSpacing: (plane.rowPixelSpacing as number | null) ?? 1,
    sliceThickness: frameMeta.sliceThickness ?? undefined,
    sizeInBytes: pixels.byteLength,
    decodeTimeInMS: frame.decodeMs,
    getPixelData: () => pixels,
    getCanvas: canvasOf(pixels, width, height),
    voxelManager,
  };
}

function loadImage(imageId: string): { promise: Promise<Types.IImage> } {
  return {
    promise: loadFrame(imageId).then((frame) => {
      modulesByImageId.set(imageId, modulesOf(frame));
      return toImage(frame);
    }),
  };
}

function provideMetadata(type: string, imageId: string): unknown {
  return modulesByImageId.get(imageId)?.[type];
}

let registered = false;

export function registerFrameLoader(): void {
  if (registered) return;
  registerImageLoader(imageScheme, loadImage);
  metaData.addProvider(provideMetadata, 10_000);
  registered = true;
}
