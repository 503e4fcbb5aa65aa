/** Series assembly: group, split into stacks, order along the normal, spacing and warnings. */
export { assembleSeries } from './assemble';
export { sliceNormal } from './geometry';
export { readingOrder, seriesReadingOrder } from './reading-order';
export { volumeOf, type VolumeCheck, type VolumeGeometry } from './volume';
export type { AssembledSeries, SeriesInstanceInput } from './types';
