/**
 * What the reformat (MPR) view is and does, without Cornerstone3D: its panes, the state it
 * reports, and which viewer commands it runs (reformat-controller.ts drives the viewports).
 */
import type { ViewerCommand, ViewerToolName } from '@/app/_config/viewer';
import type { EdgeLetters } from '@/lib/dicom/orientation';
import type { ViewerSeries } from './types';

export const planes = ['axial', 'coronal', 'sagittal'] as const;

/** The slab a projection covers when first turned on (mm). */
const DEFAULT_SLAB_MM = 10;
export type Plane = (typeof planes)[number];

/** What a pane's overlay shows. */
export interface PlaneState {
  /** 0-based. */
  sliceIndex: number;
  sliceCount: number;
  /** Which way of the patient each edge faces. */
  orientation: EdgeLetters | null;
  /** The plane was tilted off its axis (a crosshair line rotated in another pane). */
  oblique: boolean;
}

export interface ReformatState {
  /** Slices loaded of those the volume needs, while it is being built. */
  loaded: number;
  total: number;
  ready: boolean;
  windowCenter: number | null;
  windowWidth: number | null;
  invert: boolean;
  /** The projection each pane shows across its slab, or null for a plane. */
  projection: Projection | null;
  /** The slab a projection covers (mm), kept while projections are off. */
  slabMm: number;
  planes: Record<Plane, PlaneState> | null;
  error: string | null;
}

export const emptyReformatState: ReformatState = {
  loaded: 0,
  total: 0,
  ready: false,
  windowCenter: null,
  windowWidth: null,
  invert: false,
  projection: null,
  slabMm: DEFAULT_SLAB_MM,
  planes: null,
  error: null,
};

/**
 * The series' images in the volume's order: along the slice normal, from its origin, as lib/dicom
 * builds the volume's geometry. The stack shows them in reading order (an axial one from the head
 * down), which runs the other way when the normal points to the head.
 */
export function volumeImageIds({ images, placement }: Pick<ViewerSeries, 'images' | 'placement'>) {
  const along = images.map((image, k) => ({ id: image.imageId, at: placement?.locations[k] ?? k }));
  return along.sort((a, b) => a.at - b.at).map((image) => image.id);
}

/**
 * The tools that only look. Measuring in a reformat is not offered: a review's measurements are
 * on acquired images, which the report and the PACS can point to.
 */
export const reformatTools: readonly ViewerToolName[] = [
  'WindowLevel',
  'Pan',
  'Zoom',
  'StackScroll',
  'Crosshairs',
];

/** Tools with nothing to do on a stack of acquired images. */
export const reformatOnlyTools: readonly ViewerToolName[] = ['Crosshairs'];

/**
 * The projections a pane can show across a slab about its plane, each a command: the brightest
 * value (MIP: vessels, nodules), the darkest (MinIP: airways, emphysema) or the mean (AvgIP: a
 * thick, quiet section).
 */
export const projections = ['mip', 'minip', 'avgip'] as const;
export type Projection = (typeof projections)[number];

export const projectionLabels: Record<Projection, string> = {
  mip: 'MIP',
  minip: 'MinIP',
  avgip: 'AvgIP',
};

/** The slab thicknesses `[` and `]` step through (mm). */
export const SLAB_STEPS_MM = [3, 5, 10, 15, 20, 30, 40, 50] as const;

/** The next slab thickness up (`step` 1) or down (-1) from `slabMm`, within the steps. */
export function steppedSlab(slabMm: number, step: 1 | -1): number {
  const steps: readonly number[] = SLAB_STEPS_MM;
  const next = step > 0 ? steps.find((mm) => mm > slabMm) : steps.findLast((mm) => mm < slabMm);
  return next ?? slabMm;
}

/** Commands with nothing to do on a stack of acquired images. */
export const reformatOnlyCommands = [
  ...projections,
  'thickerSlab',
  'thinnerSlab',
] as const satisfies readonly ViewerCommand[];

/** Whether a command (or a tool) has nothing to do on a stack of acquired images. */
export function reformatOnly(command: ViewerCommand): boolean {
  if (command.startsWith('tool:')) {
    return reformatOnlyTools.includes(command.slice('tool:'.length) as ViewerToolName);
  }
  const commands: readonly ViewerCommand[] = reformatOnlyCommands;
  return commands.includes(command);
}

/** Commands that change a projection's slab: nothing to change while none shows. */
export const slabCommands: readonly ViewerCommand[] = ['thickerSlab', 'thinnerSlab'];

const reformatCommands: readonly ViewerCommand[] = [
  'nextImage',
  'previousImage',
  'firstImage',
  'lastImage',
  'invert',
  'fit',
  'reset',
  ...reformatOnlyCommands,
];

/** Whether the reformat runs this command (flips, cine, measuring and the rest are the stack's). */
export function reformatRuns(command: ViewerCommand): boolean {
  if (command.startsWith('preset:')) return true;
  if (command.startsWith('tool:')) {
    return reformatTools.includes(command.slice('tool:'.length) as ViewerToolName);
  }
  return reformatCommands.includes(command);
}
