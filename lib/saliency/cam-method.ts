/**
 * The shared base of the CAM methods, after pytorch-grad-cam's BaseCAM: a method only says how
 * to weight the channels of the feature maps (and, optionally, a constant to add); the base forms
 * the weighted channel sum and the ReLU with tight typed-array loops into a buffer it reuses.
 */
import { SecondlookError } from '../errors';
import type { CamMap, CamTarget, HeadWeights } from './types';

export abstract class CamMethod {
  abstract readonly name: string;
  protected readonly head: HeadWeights;
  private readonly weights: Float64Array;
  private readonly sum: Float64Array;

  constructor(head: HeadWeights) {
    this.head = head;
    this.weights = new Float64Array(head.channels);
    this.sum = new Float64Array(head.height * head.width);
  }

  /** Fills `into` (length C) with the channel weights for `target`; returns a constant to add. */
  protected abstract channelWeights(target: CamTarget, into: Float64Array): number;

  /** ReLU(offset + sum_c weight_c * features_c) on the feature grid; into `into` when given. */
  compute(target: CamTarget, into?: CamMap): CamMap {
    const { channels, height, width } = this.head;
    const plane = height * width;
    const base = target.index * channels * plane;
    if (
      base + channels * plane > target.features.length ||
      target.label >= this.head.labels.length
    ) {
      throw new SecondlookError(
        'CAM_TARGET',
        `no image ${target.index} / label ${target.label} in these features`,
      );
    }
    const offset = this.channelWeights(target, this.weights);
    const sum = this.sum;
    sum.fill(offset);
    const features = target.features;
    for (let c = 0; c < channels; c++) {
      const weight = this.weights[c]!;
      const from = base + c * plane;
      for (let i = 0; i < plane; i++) sum[i]! += weight * features[from + i]!;
    }
    const out = into ?? { width, height, data: new Float32Array(plane) };
    for (let i = 0; i < plane; i++) out.data[i] = sum[i]! > 0 ? sum[i]! : 0;
    return out;
  }
}
