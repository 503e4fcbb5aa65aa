/**
 * What the reformat (MPR) view is and does, without Cornerstone3D: its panes, the state it
 * reports, and which viewer commands it runs (reformat-controller.ts drives the viewports).
 */
import type { ViewerCommand, ViewerToolName } from '@/app/_config/viewer';
import type { EdgeLetters } from '@/lib/dicom/orientation';

export const planes = ['axial', 'coronal', 'sagittal'] as const;
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
  /** The maximum intensity projection's slab (mm), or null for a plane. */
  mipSlab: number | null;
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
  mipSlab: null,
  planes: null,
  error: null,
};

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

const reformatCommands: readonly ViewerCommand[] = [
  'nextImage',
  'previousImage',
  'firstImage',
  'lastImage',
  'invert',
  'fit',
  'reset',
  'mip',
];

/** Commands with nothing to do on a stack of acquired images. */
export const reformatOnlyCommands: readonly ViewerCommand[] = ['mip'];

/** The slab a maximum intensity projection covers (mm). */
export const MIP_SLAB_MM = 10;

/** Whether the reformat runs this command (flips, cine, measuring and the rest are the stack's). */
export function reformatRuns(command: ViewerCommand): boolean {
  if (command.startsWith('preset:')) return true;
  if (command.startsWith('tool:')) {
    return reformatTools.includes(command.slice('tool:'.length) as ViewerToolName);
  }
  return reformatCommands.includes(command);
}
