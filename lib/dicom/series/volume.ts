/**
 * Whether an assembled series is a volume that can be reformatted (axial, coronal and sagittal
 * views, MPR), and its geometry if so: a regular grid of voxels with the slices' own direction
 * cosines. Anything else is refused with the reason, never reformatted approximately: unevenly
 * spaced or missing slices, a sheared stack (gantry tilt), several stacks, too few slices.
 */
import { POSITION_TOLERANCE, type Vec3 } from './geometry';
import type { AssembledSeries, SliceStack } from './types';

/** Fewest slices a reformat is offered for: with two, a coronal view is two rows of pixels. */
const MIN_SLICES = 3;
/** A slice may sit this fraction of the smaller pixel spacing off its stack's line, at most. */
const SHEAR_TOLERANCE = 0.1;

/** A regular voxel grid in patient coordinates (mm), as Cornerstone3D's volumes take it. */
export interface VolumeGeometry {
  /** Columns, rows, slices. */
  dimensions: [number, number, number];
  /** Between columns, between rows, between slices (mm). */
  spacing: [number, number, number];
  /** The centre of the first voxel: the first slice's Image Position (Patient). */
  origin: Vec3;
  /** Row direction cosines, column direction cosines, slice normal: nine numbers. */
  direction: number[];
}

export type VolumeCheck = { volume: VolumeGeometry } | { refused: string };

const mm = (value: number): string => `${Number(value.toFixed(2))} mm`;

function stackVolume(stack: SliceStack<unknown>): VolumeCheck {
  const { rows, columns, pixelSpacing, normal, imageOrientationPatient: cosines } = stack;
  const slices = stack.slices;
  if (slices.length < MIN_SLICES) {
    return { refused: `${slices.length} slice(s): a reformat needs at least ${MIN_SLICES}` };
  }
  const located = slices.every((slice) => slice.location !== null);
  if (stack.multiFrame && stack.orderedBy === 'frame' && located) {
    return { refused: 'frames share positions (time points or several stacks in one instance)' };
  }
  if (stack.orderedBy !== 'position' || !normal || !cosines) {
    return { refused: 'the slices have no position and orientation in the patient' };
  }
  if (!rows || !columns) return { refused: 'the image size is unknown' };
  const [rowSpacing, columnSpacing] = pixelSpacing ?? [];
  if (!(rowSpacing! > 0 && columnSpacing! > 0)) {
    return { refused: 'the pixel spacing is unknown, so distances across slices are too' };
  }
  if (!stack.spacingUniform || !stack.spacing) {
    const why = stack.warnings.find((w) => w.code !== 'DUPLICATE_INSTANCE')?.message;
    return { refused: `the slices are not evenly spaced${why ? `: ${why}` : ''}` };
  }
  const origin = slices[0]!.imagePositionPatient as Vec3;
  const first = slices[0]!.location!;
  const slack = SHEAR_TOLERANCE * Math.min(rowSpacing!, columnSpacing!);
  for (const [k, slice] of slices.entries()) {
    const position = slice.imagePositionPatient!;
    const along = slice.location! - first;
    const offset = Math.hypot(
      ...[0, 1, 2].map((axis) => position[axis]! - origin[axis]! - along * normal[axis]!),
    );
    if (offset > slack + POSITION_TOLERANCE) {
      return {
        refused: `the stack is sheared (gantry tilt?): slice ${k + 1} is ${mm(offset)} off the line through the first along the normal`,
      };
    }
  }
  return {
    volume: {
      dimensions: [columns, rows, slices.length],
      spacing: [columnSpacing!, rowSpacing!, stack.spacing],
      origin: [origin[0], origin[1], origin[2]],
      direction: [...cosines.slice(0, 6), ...normal],
    },
  };
}

/** The volume a series makes, or why it makes none. */
export function volumeOf(assembled: AssembledSeries<unknown>[]): VolumeCheck {
  const stacks = assembled.flatMap((series) => series.stacks);
  if (stacks.length !== 1) {
    return {
      refused: `the series holds ${stacks.length} stacks of different sizes or orientations`,
    };
  }
  return stackVolume(stacks[0]!);
}
