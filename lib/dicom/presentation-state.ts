/**
 * A Grayscale Softcopy Presentation State (PS3.3 A.33.1): how someone chose to show images of a
 * study (a prior reader's window, flip and rotation, arrows, circles and words on the images),
 * stored as an object beside them. Read as DCMTK's `dcmp2pgm -v` dumps it: the images it applies
 * to, its Softcopy VOI LUT windows, Presentation LUT Shape, spatial transformation, graphic
 * layers and annotations, and what it holds that the viewer does not apply. Text is read in the
 * file's Specific Character Set.
 */
import type { DataSet } from 'dicom-parser';
import { textDecoderFor, type TextReader } from './character-set';
import { TAG } from './tags';
import type { DicomFile } from './types';
import { binaryValues, num, numbers, presentElement, str, strings, textValue, us } from './values';

const GRAYSCALE_SOFTCOPY_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.1';

const PS = {
  ReferencedSeriesSequence: 'x00081115',
  ReferencedImageSequence: 'x00081140',
  ReferencedSOPInstanceUID: 'x00081155',
  ReferencedFrameNumber: 'x00081160',
  ShutterShape: 'x00181600',
  WindowCenter: 'x00281050',
  WindowWidth: 'x00281051',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  WindowCenterWidthExplanation: 'x00281055',
  VOILUTFunction: 'x00281056',
  ModalityLUTSequence: 'x00283000',
  VOILUTSequence: 'x00283010',
  SoftcopyVOILUTSequence: 'x00283110',
  PresentationLUTSequence: 'x20500010',
  PresentationLUTShape: 'x20500020',
  GraphicAnnotationSequence: 'x00700001',
  GraphicLayer: 'x00700002',
  BoundingBoxAnnotationUnits: 'x00700003',
  AnchorPointAnnotationUnits: 'x00700004',
  GraphicAnnotationUnits: 'x00700005',
  UnformattedTextValue: 'x00700006',
  TextObjectSequence: 'x00700008',
  GraphicObjectSequence: 'x00700009',
  BoundingBoxTopLeftHandCorner: 'x00700010',
  BoundingBoxBottomRightHandCorner: 'x00700011',
  BoundingBoxTextHorizontalJustification: 'x00700012',
  AnchorPoint: 'x00700014',
  AnchorPointVisibility: 'x00700015',
  GraphicData: 'x00700022',
  GraphicType: 'x00700023',
  GraphicFilled: 'x00700024',
  ImageHorizontalFlip: 'x00700041',
  ImageRotation: 'x00700042',
  DisplayedAreaTopLeftHandCorner: 'x00700052',
  DisplayedAreaBottomRightHandCorner: 'x00700053',
  DisplayedAreaSelectionSequence: 'x0070005a',
  GraphicLayerSequence: 'x00700060',
  GraphicLayerOrder: 'x00700062',
  GraphicLayerRecommendedDisplayGrayscaleValue: 'x00700066',
  GraphicLayerDescription: 'x00700068',
  ContentLabel: 'x00700080',
  ContentDescription: 'x00700081',
  PresentationCreationDate: 'x00700082',
  PresentationCreationTime: 'x00700083',
  ContentCreatorName: 'x00700084',
  GraphicLayerRecommendedDisplayCIELabValue: 'x00700401',
} as const;

/** An image a part of the state applies to; no frames: every frame of it. */
export interface PsImage {
  sopInstanceUID: string;
  frames: number[];
}

/** A point, column\row (x\y) as the file gives it. */
export type PsPoint = [number, number];

/** PIXEL: image pixels, 0\0 the top left corner of the top left pixel; DISPLAY: 0-1 of the displayed area. */
export type PsUnits = 'PIXEL' | 'DISPLAY';

interface PsWindow {
  center: number;
  width: number;
  /** VOI LUT Function: LINEAR unless the file says LINEAR_EXACT or SIGMOID. */
  fn: string;
  explanation: string | null;
  /** The images it applies to; null: every image the state references. */
  images: PsImage[] | null;
}

export interface PsGraphic {
  /** POINT, POLYLINE, INTERPOLATED, CIRCLE or ELLIPSE. */
  type: string;
  units: PsUnits;
  points: PsPoint[];
  filled: boolean;
}

export interface PsText {
  text: string;
  box: { units: PsUnits; topLeft: PsPoint; bottomRight: PsPoint; justification: string } | null;
  anchor: { units: PsUnits; point: PsPoint; visible: boolean } | null;
}

export interface PsAnnotation {
  layer: string;
  /** The images it is drawn on; null: every image the state references. */
  images: PsImage[] | null;
  texts: PsText[];
  graphics: PsGraphic[];
}

interface PsLayer {
  name: string;
  order: number;
  description: string;
  /** The recommended colour as CSS `rgb(...)` (from CIELab or grey), or null for none. */
  colour: string | null;
}

/** The part of an image to show, in pixels from 1\\1 (the top left pixel) to columns\\rows. */
interface PsDisplayedArea {
  topLeft: PsPoint;
  bottomRight: PsPoint;
  images: PsImage[] | null;
}

export interface PresentationState {
  sopInstanceUID: string;
  label: string;
  description: string;
  /** Content Creator's Name as the file has it (PN, `Family^Given`). */
  creator: string;
  creationDate: string | null;
  creationTime: string | null;
  /** The images it applies to (Referenced Series Sequence). */
  images: PsImage[];
  windows: PsWindow[];
  /** The modality LUT it states (a CT's rescale), or null: the image's own. */
  rescale: { slope: number; intercept: number } | null;
  /** IDENTITY: P-value 0 is black; INVERSE: white. */
  lutShape: 'IDENTITY' | 'INVERSE';
  /** Clockwise. */
  rotation: 0 | 90 | 180 | 270;
  /** Left and right swapped after the rotation (PS3.3 C.10.6.1). */
  flip: boolean;
  displayedAreas: PsDisplayedArea[];
  layers: PsLayer[];
  annotations: PsAnnotation[];
  /** What the state holds that the viewer does not apply, in words. */
  notApplied: string[];
}

function items(ds: DataSet, tag: string): DataSet[] {
  return (ds.elements[tag]?.items ?? []).flatMap((item) => (item.dataSet ? [item.dataSet] : []));
}

function imagesIn(ds: DataSet): PsImage[] {
  return items(ds, PS.ReferencedImageSequence).flatMap((item) => {
    const uid = str(item, PS.ReferencedSOPInstanceUID);
    return uid
      ? [{ sopInstanceUID: uid, frames: numbers(item, PS.ReferencedFrameNumber) ?? [] }]
      : [];
  });
}

/** The images an item applies to: those it lists, or null (all) when it lists none. */
function appliesTo(ds: DataSet): PsImage[] | null {
  return ds.elements[PS.ReferencedImageSequence] ? imagesIn(ds) : null;
}

const floats = (ds: DataSet, tag: string) => binaryValues(ds, tag, 4, (k) => ds.float(tag, k));
const signedLongs = (ds: DataSet, tag: string) => binaryValues(ds, tag, 4, (k) => ds.int32(tag, k));

function point(ds: DataSet, tag: string): PsPoint | null {
  const [x, y] = floats(ds, tag);
  return x !== undefined && y !== undefined ? [x, y] : null;
}

function units(ds: DataSet, tag: string): PsUnits {
  return str(ds, tag) === 'DISPLAY' ? 'DISPLAY' : 'PIXEL';
}

function textObject(ds: DataSet, reader: TextReader): PsText {
  const topLeft = point(ds, PS.BoundingBoxTopLeftHandCorner);
  const bottomRight = point(ds, PS.BoundingBoxBottomRightHandCorner);
  const anchor = point(ds, PS.AnchorPoint);
  return {
    text: textValue(ds, PS.UnformattedTextValue, reader),
    box:
      topLeft && bottomRight
        ? {
            units: units(ds, PS.BoundingBoxAnnotationUnits),
            topLeft,
            bottomRight,
            justification: str(ds, PS.BoundingBoxTextHorizontalJustification) ?? 'LEFT',
          }
        : null,
    anchor: anchor
      ? {
          units: units(ds, PS.AnchorPointAnnotationUnits),
          point: anchor,
          visible: str(ds, PS.AnchorPointVisibility) === 'Y',
        }
      : null,
  };
}

function graphicObject(ds: DataSet): PsGraphic {
  const data = floats(ds, PS.GraphicData);
  const points: PsPoint[] = [];
  for (let k = 0; k + 1 < data.length; k += 2) {
    const [x, y] = [data[k]!, data[k + 1]!];
    if (Number.isFinite(x) && Number.isFinite(y)) points.push([x, y]);
  }
  return {
    type: str(ds, PS.GraphicType) ?? 'POLYLINE',
    units: units(ds, PS.GraphicAnnotationUnits),
    points,
    filled: str(ds, PS.GraphicFilled) === 'Y',
  };
}

/** Scaled CIELab (PS3.3 C.10.7.1.1, D65) to sRGB, as CSS. */
function cieLabToRgb([l, a, b]: number[]): string {
  const lightness = ((l ?? 0) * 100) / 65535;
  const fy = (lightness + 16) / 116;
  const fx = fy + (((a ?? 0) * 255) / 65535 - 128) / 500;
  const fz = fy - (((b ?? 0) * 255) / 65535 - 128) / 200;
  const inverse = (t: number) => (t > 6 / 29 ? t ** 3 : 3 * (6 / 29) ** 2 * (t - 4 / 29));
  const [x, y, z] = [0.95047 * inverse(fx), inverse(fy), 1.08883 * inverse(fz)];
  const linear = [
    3.2406 * x - 1.5372 * y - 0.4986 * z,
    -0.9689 * x + 1.8758 * y + 0.0415 * z,
    0.0557 * x - 0.204 * y + 1.057 * z,
  ];
  const srgb = linear.map((c) => {
    const clamped = Math.min(1, Math.max(0, c));
    const gamma = clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * clamped ** (1 / 2.4) - 0.055;
    return Math.round(gamma * 255);
  });
  return `rgb(${srgb.join(', ')})`;
}

function layerOf(ds: DataSet, reader: TextReader): PsLayer {
  const lab = presentElement(ds, PS.GraphicLayerRecommendedDisplayCIELabValue)
    ? [0, 1, 2].map((k) => us(ds, PS.GraphicLayerRecommendedDisplayCIELabValue, k) ?? 0)
    : null;
  const grey = us(ds, PS.GraphicLayerRecommendedDisplayGrayscaleValue);
  const level = grey === null ? 0 : Math.round((grey * 255) / 65535);
  return {
    name: str(ds, PS.GraphicLayer) ?? '',
    order: num(ds, PS.GraphicLayerOrder) ?? 0,
    description: textValue(ds, PS.GraphicLayerDescription, reader).trim(),
    colour: lab ? cieLabToRgb(lab) : grey === null ? null : `rgb(${level}, ${level}, ${level})`,
  };
}

function windowsOf(ds: DataSet, reader: TextReader): PsWindow[] {
  return items(ds, PS.SoftcopyVOILUTSequence).flatMap((item) => {
    const center = num(item, PS.WindowCenter);
    const width = num(item, PS.WindowWidth);
    // A window without a width the VOI functions allow is read as none.
    if (center === null || width === null || !(width > 0)) return [];
    const explanation = textValue(item, PS.WindowCenterWidthExplanation, reader).split('\\')[0];
    return [
      {
        center,
        width,
        fn: str(item, PS.VOILUTFunction) ?? 'LINEAR',
        explanation: explanation ? explanation.trim() : null,
        images: appliesTo(item),
      },
    ];
  });
}

function rotationOf(ds: DataSet): PresentationState['rotation'] {
  const degrees = us(ds, PS.ImageRotation);
  return degrees === 90 || degrees === 180 || degrees === 270 ? degrees : 0;
}

function displayedAreasOf(ds: DataSet): PsDisplayedArea[] {
  return items(ds, PS.DisplayedAreaSelectionSequence).flatMap((item) => {
    const [left, top] = signedLongs(item, PS.DisplayedAreaTopLeftHandCorner);
    const [right, bottom] = signedLongs(item, PS.DisplayedAreaBottomRightHandCorner);
    if (left === undefined || top === undefined || right === undefined || bottom === undefined)
      return [];
    return [{ topLeft: [left, top], bottomRight: [right, bottom], images: appliesTo(item) }];
  });
}

function notAppliedIn(ds: DataSet): string[] {
  const has = (tag: string) => ds.elements[tag] !== undefined;
  const overlays = Object.keys(ds.elements).some((tag) => /^x60[0-9a-f]{2}3000$/.test(tag));
  return [
    items(ds, PS.SoftcopyVOILUTSequence).some((item) => item.elements[PS.VOILUTSequence])
      ? 'a VOI LUT table'
      : '',
    has(PS.ModalityLUTSequence) ? 'a modality LUT table' : '',
    has(PS.PresentationLUTSequence) ? 'a presentation LUT table' : '',
    (strings(ds, PS.ShutterShape) ?? []).length > 0 ? 'a display shutter' : '',
    overlays ? 'overlays' : '',
  ].filter(Boolean);
}

/** The presentation state in `file`, or null when it is not a Grayscale Softcopy one. */
export function readPresentationState(file: DicomFile): PresentationState | null {
  const ds = file.dataSet;
  if (str(ds, TAG.SOPClassUID) !== GRAYSCALE_SOFTCOPY_PRESENTATION_STATE) return null;
  const reader = textDecoderFor(str(ds, TAG.SpecificCharacterSet) ?? '');
  const slope = num(ds, PS.RescaleSlope);
  const intercept = num(ds, PS.RescaleIntercept);
  return {
    sopInstanceUID: str(ds, TAG.SOPInstanceUID) ?? '',
    label: str(ds, PS.ContentLabel) ?? '',
    description: textValue(ds, PS.ContentDescription, reader).trim(),
    creator: textValue(ds, PS.ContentCreatorName, reader).trim(),
    creationDate: str(ds, PS.PresentationCreationDate),
    creationTime: str(ds, PS.PresentationCreationTime),
    images: items(ds, PS.ReferencedSeriesSequence).flatMap(imagesIn),
    windows: windowsOf(ds, reader),
    rescale: slope !== null && intercept !== null ? { slope, intercept } : null,
    lutShape: str(ds, PS.PresentationLUTShape) === 'INVERSE' ? 'INVERSE' : 'IDENTITY',
    rotation: rotationOf(ds),
    flip: str(ds, PS.ImageHorizontalFlip) === 'Y',
    displayedAreas: displayedAreasOf(ds),
    layers: items(ds, PS.GraphicLayerSequence).map((item) => layerOf(item, reader)),
    annotations: items(ds, PS.GraphicAnnotationSequence).map((item) => ({
      layer: str(item, PS.GraphicLayer) ?? '',
      images: appliesTo(item),
      texts: items(item, PS.TextObjectSequence).map((text) => textObject(text, reader)),
      graphics: items(item, PS.GraphicObjectSequence).map(graphicObject),
    })),
    notApplied: notAppliedIn(ds),
  };
}
