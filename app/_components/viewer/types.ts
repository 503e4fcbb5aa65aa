import type { EdgeLetters } from '@/lib/dicom/orientation';
import type { VolumeCheck } from '@/lib/dicom/series';
import type { MeasurementTool, MeasurementValue } from '@/lib/review';
import type { ViewerCommand } from '@/app/_config/viewer';
import { reformatOnlyCommands } from './reformat';

/** Commands the study page around the viewer runs: its AI overlay, the next study, a prior, a series beside. */
export const workspaceCommands = [
  'toggleOverlay',
  'nextStudy',
  'comparePrior',
  'sideBySide',
] as const;

/** Commands that choose which series of the study the viewer shows, as its thumbnails do. */
export const seriesCommands = ['nextSeries', 'previousSeries'] as const;

const panelCommands = [
  ...workspaceCommands,
  ...seriesCommands,
  'shortcuts',
  'tags',
  'reformat',
] as const;

/** The commands the stack viewport itself runs; the others belong to the panels and MPR. */
export type StackCommand = Exclude<
  ViewerCommand,
  (typeof panelCommands)[number] | (typeof reformatOnlyCommands)[number]
>;

export function isStackCommand(command: ViewerCommand): command is StackCommand {
  const others: readonly ViewerCommand[] = [...panelCommands, ...reformatOnlyCommands];
  return !others.includes(command);
}

/** One displayable image: a frame of an instance the app's own route serves. */
export interface ViewerImage {
  /** Cornerstone image id: `secondlook:<url>?frame=N` (N 1-based; see frame-loader.ts). */
  imageId: string;
  instanceId: string;
  url: string;
  /** 1-based frame number within the instance. */
  frame: number;
  /** The instance's Instance Number (0020,0013), which reports cite ("series 2, image 36"). */
  instanceNumber: number | null;
}

/** What the viewer is given about a study: everything it shows that is not in the pixels. */
export interface ViewerSeries {
  id: string;
  number: number | null;
  description: string;
  modality: string;
  images: ViewerImage[];
  /** The volume the images make, in their order, for reformatting (MPR); or why they make none. */
  volume: VolumeCheck;
  /** Where each image lies, for following another series' scrolling; null when unknown. */
  placement: SlicePlacement | null;
  /** Every image is a localizer (scout, topogram: Image Type LOCALIZER), planned on, not read. */
  localizer: boolean;
  /** What the series holds (SeriesContent). */
  content: SeriesContent;
  /** For a series of objects, their SOP class in words ("RT Structure Set"); '' otherwise. */
  objectClass: string;
}

/**
 * What a series holds: images; structured reports (a prior's report, the AI's), shown as text;
 * PDF documents (a scanned requisition, an outside report), shown as the browser shows a PDF;
 * grayscale presentation states (a reader's window, rotation and annotations for images of the
 * study), listed to be applied to their images; or objects that are none of these (an RT
 * structure set, a waveform: no Rows and Columns), which the viewer names and lists the tags of,
 * but cannot show.
 */
export type SeriesContent = 'images' | 'report' | 'document' | 'presentation' | 'object';

/** Where the images of one stack lie: their slice normal, and each one's position along it (mm). */
export interface SlicePlacement {
  normal: [number, number, number];
  /** One per image, in the images' order. */
  locations: number[];
}

export interface ViewerStudy {
  id: string;
  patientName: string;
  patientId: string;
  studyDate: string;
  description: string;
  series: ViewerSeries[];
}

/**
 * How the server's first image (`GET /api/instances/:id/display`, lib/imaging's `renderOpening`)
 * shows one frame: the window it applied (the file's first, else the automatic one; null for
 * colour) and whether the grey scale is inverted (MONOCHROME1). The viewport opens the frame the
 * same way; until it has, the overlay states this.
 */
export interface OpeningView {
  instanceId: string;
  /** 1-based frame number within the instance. */
  frame: number;
  window: { center: number; width: number } | null;
  inverted: boolean;
}

/** What the overlay and the controls show about the image on screen. */
export interface ViewportState {
  imageIndex: number;
  imageCount: number;
  imageId: string | null;
  /** Image Position (Patient) of the image on screen, when it has one (mm). */
  position: [number, number, number] | null;
  windowCenter: number | null;
  windowWidth: number | null;
  invert: boolean;
  zoom: number;
  /** Which way of the patient each edge faces, as shown (flips and rotations included); null when unknown. */
  orientation: EdgeLetters | null;
  playing: boolean;
  /** The windows stored in the file (0028,1050/1051), for the "file window" command. */
  fileWindows: { center: number; width: number; explanation: string | null }[];
  /** The viewport has drawn an image (until then the viewer shows the lib/imaging preview). */
  rendered: boolean;
  /** Where a linked viewport's image cuts this one (reference-line.ts), if it does. */
  referenceLine: ReferenceLine | null;
  /** The presentation state the image on screen is shown through, if any (presentation.ts). */
  presented: Presented | null;
  error: string | null;
}

/** A graphic of a presentation state on the canvas (CSS pixels), as it is to be drawn. */
export interface PresentedShape {
  /** POINT, POLYLINE, INTERPOLATED, CIRCLE or ELLIPSE. */
  type: string;
  points: [number, number][];
  filled: boolean;
}

/** A text of a presentation state on the canvas: where it starts, and its leader if shown. */
export interface PresentedText {
  text: string;
  at: [number, number];
  /** SVG text-anchor for its box's justification. */
  align: 'start' | 'middle' | 'end';
  /**
   * The line from its box (the edge nearest the point) to the point it is about; null when it
   * has no anchor or the anchor is not to be shown.
   */
  leader: { from: [number, number]; to: [number, number] } | null;
}

interface PresentedLayer {
  name: string;
  colour: string | null;
  shapes: PresentedShape[];
  texts: PresentedText[];
}

/** A presentation state applied to the image on screen: what it is and what it draws there. */
export interface Presented {
  label: string;
  layers: PresentedLayer[];
  notApplied: string[];
}

/** A reference line: its ends on the canvas (CSS pixels) and in the image's pixel index coordinates. */
export interface ReferenceLine {
  canvas: [[number, number], [number, number]];
  pixels: [[number, number], [number, number]];
}

export const emptyViewportState: ViewportState = {
  imageIndex: 0,
  imageCount: 0,
  imageId: null,
  position: null,
  windowCenter: null,
  windowWidth: null,
  invert: false,
  zoom: 1,
  orientation: null,
  playing: false,
  fileWindows: [],
  rendered: false,
  referenceLine: null,
  presented: null,
  error: null,
};

/**
 * A measurement in the viewer: a tool's points on one image, in pixel index coordinates (column,
 * row; 0, 0 the centre of the first pixel), and the values the tool shows. `uid` names it while
 * it is on screen.
 */
export interface ViewerMeasurement {
  uid: string;
  tool: MeasurementTool;
  imageId: string;
  points: [number, number][];
  values: MeasurementValue[];
  /**
   * Its points moved on the image on screen and Cornerstone has not yet computed its values for
   * them (it does so throttled, up to 100 ms after a drag): `values` are the old points'.
   */
  pending?: true;
}
