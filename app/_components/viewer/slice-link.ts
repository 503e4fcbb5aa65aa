/**
 * How a viewport follows another's scrolling: by where the images lie along their slice normal,
 * not by image number, so a prior with other spacing or coverage shows the same level of the
 * patient. Two studies have their own frames of reference, so a link is registered when it is
 * made: the two images then on screen are taken to show the same level.
 */
import type { SlicePlacement } from './types';

/** Normals at most about 2.5 degrees apart are one direction; crossing stacks do not follow. */
const PARALLEL = Math.cos((2.5 * Math.PI) / 180);

export interface SliceLink {
  /** -1 when the target's normal points the other way. */
  sign: 1 | -1;
  /** Target location = sign x source location + offset (mm). */
  offset: number;
}

/** The link from source to target with their images `sourceIndex` and `targetIndex` level; null when the stacks cross. */
export function sliceLink(
  source: SlicePlacement,
  sourceIndex: number,
  target: SlicePlacement,
  targetIndex: number,
): SliceLink | null {
  const dot = source.normal.reduce((sum, value, axis) => sum + value * target.normal[axis]!, 0);
  if (Math.abs(dot) < PARALLEL) return null;
  const from = source.locations[sourceIndex];
  const to = target.locations[targetIndex];
  if (from === undefined || to === undefined) return null;
  const sign = dot > 0 ? 1 : -1;
  return { sign, offset: to - sign * from };
}

/** The target image nearest the level of the source's image `sourceIndex`. */
export function followingIndex(
  link: SliceLink,
  source: SlicePlacement,
  sourceIndex: number,
  target: SlicePlacement,
): number | null {
  const from = source.locations[sourceIndex];
  if (from === undefined || target.locations.length === 0) return null;
  const level = link.sign * from + link.offset;
  let nearest = 0;
  target.locations.forEach((location, index) => {
    if (Math.abs(location - level) < Math.abs(target.locations[nearest]! - level)) nearest = index;
  });
  return nearest;
}
