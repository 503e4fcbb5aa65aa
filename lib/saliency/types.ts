import type { HeadWeights } from '../inference/manifest';

/** A saliency map on a grid, row-major, non-negative. */
export interface CamMap {
  width: number;
  height: number;
  data: Float32Array;
}

/** The feature maps of one image out of a batch: `features` is [n, C, h, w]. */
export interface CamTarget {
  features: Float32Array;
  /** Which image of the batch. */
  index: number;
  /** Which label (row of the head). */
  label: number;
}

export type { HeadWeights };
