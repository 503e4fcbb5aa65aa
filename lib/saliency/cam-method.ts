/**
 * The shared base of the CAM methods, after pytorch-grad-cam's BaseCAM: a method only says how
 * to weight the channels of the feature maps (and, optionally, a constant to add); the base forms
 * the weighted channel sum and the ReLU with tight typed-array loops into a buffer it reuses.
 */
import { SecondlookError } from '../errors';
import type { CamFetches, CamMap, CamTarget, HeadWeights } from './types';

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

  /** The outputs to fetch for this method from a model whose manifest names `outputs`. */
  abstract fetches(outputs: { camGrid: string | null }): CamFetches;

  /**
   * Fills `into` (length C) with the channel weights for `target` from its image's `features`
   * ([n, C, h, w]); returns a constant to add.
   */
  protected abstract channelWeights(
    target: CamTarget,
    features: Float32Array,
    into: Float64Array,
  ): number;

  protected checkTarget(target: CamTarget, values: Float32Array | null | undefined, rows: number) {
    const plane = this.head.height * this.head.width;
    if (!values) {
      throw new SecondlookError('CAM_TARGET', `${this.name} needs outputs that were not fetched`);
    }
    if (
      (target.index + 1) * rows * plane > values.length ||
      target.label >= this.head.labels.length
    ) {
      throw new SecondlookError(
        'CAM_TARGET',
        `no image ${target.index} / label ${target.label} in these outputs`,
      );
    }
    return values;
  }

  /** ReLU(offset + sum_c weight_c * features_c) on the feature grid; into `into` when given. */
  compute(target: CamTarget, into?: CamMap): CamMap {
    const { channels, height, width } = this.head;
    const plane = height * width;
    const features = this.checkTarget(target, target.features, channels);
    const base = target.index * channels * plane;
    const offset = this.channelWeights(target, features, this.weights);
    const sum = this.sum;
    sum.fill(offset);
    const weights = this.weights;
    let c = 0;
    // Four channels per pass over the grid: a quarter of the loads and stores of `sum`, which
    // halves the cost in V8.
    for (; c + 4 <= channels; c += 4) {
      const w0 = weights[c]!;
      const w1 = weights[c + 1]!;
      const w2 = weights[c + 2]!;
      const w3 = weights[c + 3]!;
      for (let i = 0, j = base + c * plane; i < plane; i++, j++) {
        sum[i]! +=
          w0 * features[j]! +
          w1 * features[j + plane]! +
          w2 * features[j + 2 * plane]! +
          w3 * features[j + 3 * plane]!;
      }
    }
    for (; c < channels; c++) {
      const weight = weights[c]!;
      const from = base + c * plane;
      for (let i = 0; i < plane; i++) sum[i]! += weight * features[from + i]!;
    }
    const out = into ?? { width, height, data: new Float32Array(plane) };
    for (let i = 0; i < plane; i++) out.data[i] = sum[i]! > 0 ? sum[i]! : 0;
    return out;
  }
}
