/**
 * The order a radiologist reads a stack in, which is not always the order it is assembled in.
 * Assembly (and the volume geometry built on it, as Cornerstone3D's volumes) runs along the slice
 * normal, row x column, which for an axial stack points to the head: its first slice is the
 * lowest. Read, an axial stack starts at the head and goes down, a coronal one starts at the front
 * and goes back, a sagittal one starts at the patient's right and goes left, as PACS viewers show
 * them whatever order the scanner numbered them in.
 */
import type { Vec3 } from './geometry';
import type { AssembledSeries, SliceStack, StackSlice } from './types';

/** Patient coordinates are LPS: +x left, +y posterior, +z head. The end each plane is read from. */
const readFrom: Record<'sagittal' | 'coronal' | 'axial', Vec3> = {
  sagittal: [-1, 0, 0],
  coronal: [0, -1, 0],
  axial: [0, 0, 1],
};

/** The plane a normal is nearest to: the axis it points along most. */
function planeOf(normal: Vec3): keyof typeof readFrom {
  const [x, y, z] = normal.map(Math.abs) as Vec3;
  if (z >= x && z >= y) return 'axial';
  return y >= x ? 'coronal' : 'sagittal';
}

/** Whether a stack ordered by position, assembled along `normal`, is read the other way. */
function readsAgainstNormal(normal: Vec3): boolean {
  const start = readFrom[planeOf(normal)];
  return normal[0] * start[0] + normal[1] * start[1] + normal[2] * start[2] > 0;
}

/**
 * A stack's slices in reading order: a stack ordered by position starts at the end its plane is
 * read from (head, front, right); a stack ordered otherwise (by Instance Number, by frame) keeps
 * its order.
 */
export function readingOrder<F>(stack: SliceStack<F>): StackSlice<F>[] {
  const reverse =
    stack.orderedBy === 'position' && stack.normal && readsAgainstNormal(stack.normal);
  return reverse ? [...stack.slices].reverse() : stack.slices;
}

/** A series' images as the viewer shows them: its stacks in order, each in reading order. */
export function seriesReadingOrder<F>(series: AssembledSeries<F>[]): StackSlice<F>[] {
  return series.flatMap((one) => one.stacks.flatMap((stack) => readingOrder(stack)));
}
