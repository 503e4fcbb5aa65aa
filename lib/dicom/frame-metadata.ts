/**
 * What one frame needs beyond its pixels, for a viewer: plane geometry, rescale and windows.
 * Enhanced multi-frame objects keep these in functional groups (PS3.3 C.7.6.16): a value in the
 * frame's Per-frame Functional Groups item wins over the Shared one, which wins over the
 * top-level attribute of a classic image.
 */
import type { DataSet } from 'dicom-parser';
import { TAG } from './tags';
import { intValue, num, numbers, str, strings } from './values';
import type { DicomFile, WindowSetting } from './types';

const GROUP = {
  SharedFunctionalGroups: 'x52009229',
  PerFrameFunctionalGroups: 'x52009230',
  PlanePosition: 'x00209113',
  PlaneOrientation: 'x00209116',
  PixelMeasures: 'x00289110',
  FrameVoiLut: 'x00289132',
  PixelValueTransformation: 'x00289145',
} as const;

export interface FrameMetadata {
  /** (0020,0032), three numbers; null when the frame has none. */
  imagePositionPatient: number[] | null;
  /** (0020,0037), six numbers. */
  imageOrientationPatient: number[] | null;
  /** (0028,0030), [row spacing, column spacing] in mm. */
  pixelSpacing: number[] | null;
  sliceThickness: number | null;
  /** 1 when absent. */
  rescaleSlope: number;
  /** 0 when absent. */
  rescaleIntercept: number;
  /** (0028,1054) beside the rescale (HU, US...); null when absent. */
  rescaleType: string | null;
  /** Window Center/Width pairs, in file order. */
  windows: WindowSetting[];
}

/** The first item of a sequence, as a dataset; null when absent. */
function firstItem(ds: DataSet | null, tag: string): DataSet | null {
  return ds?.elements[tag]?.items?.[0]?.dataSet ?? null;
}

function itemAt(ds: DataSet, tag: string, index: number): DataSet | null {
  return ds.elements[tag]?.items?.[index]?.dataSet ?? null;
}

/** The datasets to look in, most specific first, for a value under functional group `group`. */
function sources(ds: DataSet, frame: number, group: string): DataSet[] {
  const perFrame = itemAt(ds, GROUP.PerFrameFunctionalGroups, frame);
  const shared = firstItem(ds, GROUP.SharedFunctionalGroups);
  return [firstItem(perFrame, group), firstItem(shared, group), ds].filter(
    (source): source is DataSet => source !== null,
  );
}

function firstNumbers(list: DataSet[], tag: string): number[] | null {
  for (const ds of list) {
    const values = numbers(ds, tag);
    if (values) return values;
  }
  return null;
}

function windowsOf(list: DataSet[]): WindowSetting[] {
  for (const ds of list) {
    const centers = numbers(ds, TAG.WindowCenter);
    const widths = numbers(ds, TAG.WindowWidth);
    if (!centers || !widths) continue;
    const explanations = strings(ds, TAG.WindowCenterWidthExplanation) ?? [];
    return centers.slice(0, widths.length).map((center, i) => ({
      center,
      width: widths[i]!,
      explanation: explanations[i] ?? null,
    }));
  }
  return [];
}

/** The metadata of zero-based `frame` of `file` (frame 0 for a single-frame image). */
export function readFrameMetadata(file: DicomFile, frame: number): FrameMetadata {
  const ds = file.dataSet;
  const measures = sources(ds, frame, GROUP.PixelMeasures);
  const transformation = sources(ds, frame, GROUP.PixelValueTransformation);
  const rescale = transformation.find((source) => num(source, TAG.RescaleSlope) !== null);
  return {
    imagePositionPatient: firstNumbers(
      sources(ds, frame, GROUP.PlanePosition),
      TAG.ImagePositionPatient,
    ),
    imageOrientationPatient: firstNumbers(
      sources(ds, frame, GROUP.PlaneOrientation),
      TAG.ImageOrientationPatient,
    ),
    pixelSpacing: firstNumbers(measures, TAG.PixelSpacing),
    sliceThickness: firstNumbers(measures, TAG.SliceThickness)?.[0] ?? null,
    rescaleSlope: rescale ? num(rescale, TAG.RescaleSlope)! : 1,
    rescaleIntercept: rescale ? (num(rescale, TAG.RescaleIntercept) ?? 0) : 0,
    rescaleType: rescale ? str(rescale, TAG.RescaleType) : null,
    windows: windowsOf(sources(ds, frame, GROUP.FrameVoiLut)),
  };
}

/** Where each frame of a multi-frame instance lies, for assembling its frames as slices. */
export interface FrameGeometry {
  /** Each frame's Image Position (Patient), null for a frame without one. */
  positions: (number[] | null)[];
  /** The orientation every frame shares; null when they differ or none is given. */
  orientation: number[] | null;
  /** The Pixel Spacing every frame shares; null when they differ or none is given. */
  pixelSpacing: number[] | null;
}

/** The same numbers in every entry (to 1e-6), or null. */
function shared(values: (number[] | null)[]): number[] | null {
  const [first] = values;
  if (!first) return null;
  const same = (other: number[] | null) =>
    other !== null &&
    other.length === first.length &&
    other.every((value, i) => Math.abs(value - first[i]!) <= 1e-6);
  return values.every(same) ? first : null;
}

/**
 * The geometry of every frame of a multi-frame `file`, from its functional groups or top-level
 * attributes; null for a single-frame image.
 */
export function readFrameGeometry(file: DicomFile): FrameGeometry | null {
  const frames = intValue(file.dataSet, TAG.NumberOfFrames) ?? 1;
  if (!(frames > 1)) return null;
  const metadata = Array.from({ length: frames }, (_, frame) => readFrameMetadata(file, frame));
  return {
    positions: metadata.map((m) => m.imagePositionPatient?.slice(0, 3) ?? null),
    orientation: shared(metadata.map((m) => m.imageOrientationPatient?.slice(0, 6) ?? null)),
    pixelSpacing: shared(metadata.map((m) => m.pixelSpacing?.slice(0, 2) ?? null)),
  };
}
