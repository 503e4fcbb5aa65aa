import type { HeadWeights } from '../inference/manifest';

/** A saliency map on a grid, row-major, non-negative. */
export interface CamMap {
  width: number;
  height: number;
  data: Float32Array;
}

/** What a CAM method reads from one run of the model (a session's outputs fit it as they are). */
export interface CamSource {
  /** [n, C, h, w] feature maps, when they were fetched. */
  features?: Float32Array | null;
  /** [n, labels, h, w] = sum_c head.weight[l][c] * features[c] (the model's cam-grid output). */
  camGrid?: Float32Array | null;
}

/** Which outputs of the model a method reads (lib/inference's run options). */
export interface CamFetches {
  features?: boolean;
  camGrid?: boolean;
}

/** One image out of a batch, and one label. */
export interface CamTarget extends CamSource {
  /** Which image of the batch. */
  index: number;
  /** Which label (row of the head). */
  label: number;
}

export type { HeadWeights };
