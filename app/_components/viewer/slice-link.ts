/**
 * How a viewport follows another's scrolling: by where the images lie along their slice normal,
 * not by image number, so a series with other spacing or coverage shows the same level of the
 * patient. Two series in one frame of reference (one study's series, as a rule) are placed by
 * their positions. Two frames of reference (a prior) cannot be compared by position, so such a
 * link is registered when it is made: the two images then on screen are taken to show one level.
 */
import type { SlicePlacement } from './types';

type Vec3 = [number, number, number];

/** Normals at most about 2.5 degrees apart are one direction; crossing stacks do not follow. */
const PARALLEL = Math.cos((2.5 * Math.PI) / 180);

/** Where the image on screen lies in the patient: its frame of reference, its centre (mm) and normal. */
export interface ImagePlace {
  frameOfReferenceUID: string;
  centre: Vec3;
  normal: Vec3;
}

export type SliceLink =
  /** One frame of reference: the target shows the image nearest the source image's centre. */
  | { by: 'position' }
  /** Target location = sign x source location + offset (mm). `sign` is -1 when the target's normal points the other way. */
  | { by: 'registration'; sign: 1 | -1; offset: number };

/**
 * How a link follows: by position, by registration; or, for stacks that cross in one frame of
 * reference, not at all but each viewport shows where the other's image lies (`reference`); or
 * not at all, and why.
 */
export type SliceLinkMode = SliceLink['by'] | 'reference' | 'crossing' | 'unplaced';

/** Whether two images in one frame of reference cross (reference lines), rather than lie parallel. */
export function crossingInOneFrame(a: ImagePlace | null, b: ImagePlace | null): boolean {
  return (
    a !== null &&
    b !== null &&
    a.frameOfReferenceUID === b.frameOfReferenceUID &&
    Math.abs(dot(a.normal, b.normal)) < PARALLEL
  );
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, axis) => sum + value * b[axis]!, 0);
}

/** Whether two stacks are parallel (1), antiparallel (-1), or cross (null). */
function direction(a: SlicePlacement, b: SlicePlacement): 1 | -1 | null {
  const cosine = dot(a.normal, b.normal);
  if (Math.abs(cosine) < PARALLEL) return null;
  return cosine > 0 ? 1 : -1;
}

/** Whether two stacks' slices lie parallel (either way along the normal); false when unplaced. */
export function parallelStacks(a: SlicePlacement | null, b: SlicePlacement | null): boolean {
  return a !== null && b !== null && direction(a, b) !== null;
}

/**
 * The link from source to target with their images `sourceIndex` and `targetIndex` on screen,
 * each placed at `sourcePlace` and `targetPlace` where known; null when the stacks cross.
 */
export function sliceLink(
  source: SlicePlacement,
  sourceIndex: number,
  sourcePlace: ImagePlace | null,
  target: SlicePlacement,
  targetIndex: number,
  targetPlace: ImagePlace | null,
): SliceLink | null {
  const sign = direction(source, target);
  if (sign === null) return null;
  if (sourcePlace && sourcePlace.frameOfReferenceUID === targetPlace?.frameOfReferenceUID) {
    return { by: 'position' };
  }
  const from = source.locations[sourceIndex];
  const to = target.locations[targetIndex];
  if (from === undefined || to === undefined) return null;
  return { by: 'registration', sign, offset: to - sign * from };
}

/** The target image nearest `level` along its normal. */
function nearestTo(target: SlicePlacement, level: number): number | null {
  if (target.locations.length === 0) return null;
  let nearest = 0;
  target.locations.forEach((location, index) => {
    if (Math.abs(location - level) < Math.abs(target.locations[nearest]! - level)) nearest = index;
  });
  return nearest;
}

/**
 * The target image nearest the level of the source's image `sourceIndex`, whose centre is
 * `sourceCentre` (needed to follow by position).
 */
export function followingIndex(
  link: SliceLink,
  source: SlicePlacement,
  sourceIndex: number,
  sourceCentre: Vec3 | null,
  target: SlicePlacement,
): number | null {
  if (link.by === 'position') {
    return sourceCentre ? nearestTo(target, dot(sourceCentre, target.normal)) : null;
  }
  const from = source.locations[sourceIndex];
  return from === undefined ? null : nearestTo(target, link.sign * from + link.offset);
}
