/**
 * A reader's view of a series saved as a Grayscale Softcopy Presentation State (PS3.3 A.33.1),
 * which any PACS viewer shows again: the window (with the images' rescale, so it means the same
 * values), the grey scale's sense, the rotation and flip, and the reader's measurements as
 * graphic annotations with their values as text, on the images they were made on.
 */
import { writePart10, type WritableElement } from '../dicom';
import type { Measurement } from '../review/measurements';
import { copiedFrom } from './source-attributes';
import type { DicomFile } from '../dicom';

const GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_STORAGE = '1.2.840.10008.5.1.4.1.1.11.1';

/** An image the view applies to, as the store holds it. */
export interface ViewImage {
  instanceId: number;
  sopClassUID: string;
  sopInstanceUID: string;
  rows: number;
  columns: number;
}

export interface SavedView {
  /** The series' first image: the patient and study attributes are copied from it. */
  source: DicomFile;
  seriesInstanceUID: string;
  images: ViewImage[];
  /** In the images' modality units, applied LINEAR. */
  window: { center: number; width: number };
  /** The images' own rescale, or null where they have none. */
  rescale: { slope: number; intercept: number; type: string } | null;
  /** Low values white. */
  invert: boolean;
  rotation: 0 | 90 | 180 | 270;
  flip: boolean;
  measurements: readonly Measurement[];
  label: string;
  description: string;
  /** PN, `Family^Given`, or the user name. */
  creator: string;
  uids: { series: string; instance: string };
  seriesNumber: number;
  software: { name: string; version: string };
  created: Date;
}

/** A Decimal String of at most 16 characters. */
const decimal = (n: number) => String(Number(n.toPrecision(10)));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daOf = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
const tmOf = (d: Date) =>
  `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;

/** Referenced Image Sequence items for images (and a frame). */
function referenced(images: readonly ViewImage[], frame?: number): WritableElement[][] {
  return images.map((image) => [
    { tag: 0x00081150, vr: 'UI', value: image.sopClassUID },
    { tag: 0x00081155, vr: 'UI', value: image.sopInstanceUID },
    ...(frame !== undefined && frame > 1
      ? [{ tag: 0x00081160, vr: 'IS' as const, value: String(frame) }]
      : []),
  ]);
}

/** One Displayed Area Selection item per image size: the whole image, scaled to fit. */
function displayedAreas(images: readonly ViewImage[]): WritableElement[][] {
  const sizes = new Map<string, ViewImage[]>();
  for (const image of images) {
    const key = `${image.columns}x${image.rows}`;
    sizes.set(key, [...(sizes.get(key) ?? []), image]);
  }
  return [...sizes.values()].map((same) => [
    { tag: 0x00081140, vr: 'SQ', value: referenced(same) },
    { tag: 0x00700052, vr: 'SL', value: [1, 1] },
    { tag: 0x00700053, vr: 'SL', value: [same[0]!.columns, same[0]!.rows] },
    { tag: 0x00700100, vr: 'CS', value: 'SCALE TO FIT' },
    { tag: 0x00700102, vr: 'IS', value: '1\\1' },
  ]);
}

/** A measurement's pixel index point (0, 0 the first pixel's centre) in PIXEL units. */
const pixel = ([column, row]: [number, number]) => [column + 0.5, row + 0.5];

function graphic(type: string, points: [number, number][]): WritableElement[] {
  return [
    { tag: 0x00700005, vr: 'CS', value: 'PIXEL' },
    { tag: 0x00700020, vr: 'US', value: [2] },
    { tag: 0x00700021, vr: 'US', value: [points.length] },
    { tag: 0x00700022, vr: 'FL', value: new Float32Array(points.flatMap(pixel)) },
    { tag: 0x00700023, vr: 'CS', value: type },
    { tag: 0x00700024, vr: 'CS', value: 'N' },
  ];
}

/** An ellipse's handles are bottom, top, left, right: ELLIPSE wants the major axis first. */
function ellipse(points: [number, number][]): [number, number][] {
  const [a, b, c, d] = points as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const length = (p: [number, number], q: [number, number]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  return length(a, b) >= length(c, d) ? [a, b, c, d] : [c, d, a, b];
}

function graphicsOf(measurement: Measurement): WritableElement[][] {
  const { points } = measurement;
  switch (measurement.tool) {
    case 'Probe':
      return [graphic('POINT', points)];
    case 'EllipticalROI':
      return [graphic('ELLIPSE', ellipse(points))];
    case 'Bidirectional':
      return [graphic('POLYLINE', points.slice(0, 2)), graphic('POLYLINE', points.slice(2, 4))];
    default:
      return [graphic('POLYLINE', points)];
  }
}

/** A unit in the default repertoire (the text must read the same in any character set). */
const asciiUnit = (unit: string) =>
  unit
    .replace(/²/g, '2')
    .replace(/³/g, '3')
    .replace(/°/g, 'deg')
    .replace(/[^\x20-\x7e]/g, '');

/** The measurement's values in words ("length 12.34 mm"), at its first point (an angle's vertex). */
function textOf(measurement: Measurement): WritableElement[] {
  const words = measurement.values
    .map((value) => {
      const unit = asciiUnit(value.unit);
      return `${value.name} ${value.value.toFixed(2)}${unit ? ` ${unit}` : ''}`;
    })
    .join(', ');
  const anchor = measurement.points[measurement.tool === 'Angle' ? 1 : 0]!;
  return [
    { tag: 0x00700004, vr: 'CS', value: 'PIXEL' },
    { tag: 0x00700006, vr: 'ST', value: words || measurement.tool },
    { tag: 0x00700014, vr: 'FL', value: new Float32Array(pixel(anchor)) },
    { tag: 0x00700015, vr: 'CS', value: 'N' },
  ];
}

const LAYER = 'MEASUREMENTS';

/** One Graphic Annotation item per image frame measured on. */
function annotations(view: SavedView): WritableElement[][] {
  const byImage = new Map<string, Measurement[]>();
  for (const measurement of view.measurements) {
    const key = `${measurement.instanceId}/${measurement.frame}`;
    byImage.set(key, [...(byImage.get(key) ?? []), measurement]);
  }
  return [...byImage.values()].map((measured) => {
    const { instanceId, frame } = measured[0]!;
    const image = view.images.find((one) => one.instanceId === instanceId)!;
    return [
      { tag: 0x00081140, vr: 'SQ', value: referenced([image], frame) },
      { tag: 0x00700002, vr: 'CS', value: LAYER },
      { tag: 0x00700008, vr: 'SQ', value: measured.map(textOf) },
      { tag: 0x00700009, vr: 'SQ', value: measured.flatMap(graphicsOf) },
    ];
  });
}

/** The view as a Part 10 file. */
export function presentationStateFile(view: SavedView): Uint8Array {
  const [date, time] = [daOf(view.created), tmOf(view.created)];
  const measured = view.measurements.length > 0;
  const dataset: WritableElement[] = [
    ...copiedFrom(view.source, { orientation: false }),
    { tag: 0x00080012, vr: 'DA', value: date },
    { tag: 0x00080013, vr: 'TM', value: time },
    { tag: 0x00080016, vr: 'UI', value: GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_STORAGE },
    { tag: 0x00080018, vr: 'UI', value: view.uids.instance },
    { tag: 0x00080060, vr: 'CS', value: 'PR' },
    { tag: 0x00080070, vr: 'LO', value: view.software.name },
    { tag: 0x0008103e, vr: 'LO', value: `View: ${view.label}` },
    {
      tag: 0x00081115,
      vr: 'SQ',
      value: [
        [
          { tag: 0x00081140, vr: 'SQ', value: referenced(view.images) },
          { tag: 0x0020000e, vr: 'UI', value: view.seriesInstanceUID },
        ],
      ],
    },
    { tag: 0x00181020, vr: 'LO', value: view.software.version },
    { tag: 0x0020000e, vr: 'UI', value: view.uids.series },
    { tag: 0x00200011, vr: 'IS', value: String(view.seriesNumber) },
    { tag: 0x00200013, vr: 'IS', value: '1' },
    // Laterality, type 2C (General Series): a view is of the images' side, which it does not know.
    { tag: 0x00200060, vr: 'CS', value: '' },
    ...(view.rescale
      ? [
          { tag: 0x00281052, vr: 'DS' as const, value: decimal(view.rescale.intercept) },
          { tag: 0x00281053, vr: 'DS' as const, value: decimal(view.rescale.slope) },
          { tag: 0x00281054, vr: 'LO' as const, value: view.rescale.type },
        ]
      : []),
    {
      tag: 0x00283110,
      vr: 'SQ',
      value: [
        [
          { tag: 0x00081140, vr: 'SQ', value: referenced(view.images) },
          { tag: 0x00281050, vr: 'DS', value: decimal(view.window.center) },
          { tag: 0x00281051, vr: 'DS', value: decimal(view.window.width) },
        ],
      ],
    },
    ...(measured ? [{ tag: 0x00700001, vr: 'SQ' as const, value: annotations(view) }] : []),
    { tag: 0x00700041, vr: 'CS', value: view.flip ? 'Y' : 'N' },
    { tag: 0x00700042, vr: 'US', value: [view.rotation] },
    { tag: 0x0070005a, vr: 'SQ', value: displayedAreas(view.images) },
    ...(measured
      ? [
          {
            tag: 0x00700060,
            vr: 'SQ' as const,
            value: [
              [
                { tag: 0x00700002, vr: 'CS' as const, value: LAYER },
                { tag: 0x00700062, vr: 'IS' as const, value: '1' },
              ],
            ],
          },
        ]
      : []),
    { tag: 0x00700080, vr: 'CS', value: view.label },
    { tag: 0x00700081, vr: 'LO', value: view.description },
    { tag: 0x00700082, vr: 'DA', value: date },
    { tag: 0x00700083, vr: 'TM', value: time },
    { tag: 0x00700084, vr: 'PN', value: view.creator },
    { tag: 0x20500020, vr: 'CS', value: view.invert ? 'INVERSE' : 'IDENTITY' },
  ];
  return writePart10(dataset, {
    sopClassUID: GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_STORAGE,
    sopInstanceUID: view.uids.instance,
  });
}
