/** Series assembly: group, split into stacks, order along the normal, spacing and warnings. */
export { assembleSeries } from './assemble';
export { locationAlong, sliceNormal, type Vec3 } from './geometry';
export type {
  AssembledSeries,
  SeriesInstanceInput,
  SeriesWarning,
  SeriesWarningCode,
  SliceStack,
  StackSlice,
} from './types';
