/**
 * Grad-CAM (Selvaraju et al. 2017) for a model whose logits are a linear head over globally
 * average-pooled features: d logit_l / d A_c(i,j) = w_lc / (h*w) everywhere, so the spatially
 * averaged gradient is exactly w_lc / (h*w) and no backward pass is needed. When the model
 * computes sum_c w_lc A_c itself (its cam-grid output), the map is that grid's ReLU / (h*w), and
 * only h*w values per label leave the runtime instead of every channel of the features.
 */
import { CamMethod } from './cam-method';
import type { CamFetches, CamMap, CamTarget } from './types';

export class GradCam extends CamMethod {
  readonly name = 'grad-cam';

  override fetches(outputs: { camGrid: string | null }): CamFetches {
    return outputs.camGrid ? { camGrid: true } : { features: true };
  }

  protected channelWeights(target: CamTarget, _features: Float32Array, into: Float64Array): number {
    const { channels, height, width, weight } = this.head;
    const scale = 1 / (height * width);
    const row = target.label * channels;
    for (let c = 0; c < channels; c++) into[c] = weight[row + c]! * scale;
    return 0;
  }

  override compute(target: CamTarget, into?: CamMap): CamMap {
    if (!target.camGrid) return super.compute(target, into);
    const { height, width, labels } = this.head;
    const plane = height * width;
    const grid = this.checkTarget(target, target.camGrid, labels.length);
    const from = (target.index * labels.length + target.label) * plane;
    const scale = 1 / plane;
    const out = into ?? { width, height, data: new Float32Array(plane) };
    for (let i = 0; i < plane; i++) {
      const value = grid[from + i]!;
      out.data[i] = value > 0 ? value * scale : 0;
    }
    return out;
  }
}
