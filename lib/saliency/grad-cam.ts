/**
 * Grad-CAM (Selvaraju et al. 2017) for a model whose logits are a linear head over globally
 * average-pooled features: d logit_l / d A_c(i,j) = w_lc / (h*w) everywhere, so the spatially
 * averaged gradient is exactly w_lc / (h*w) and no backward pass is needed.
 */
import { CamMethod } from './cam-method';
import type { CamTarget } from './types';

export class GradCam extends CamMethod {
  readonly name = 'grad-cam';

  protected channelWeights(target: CamTarget, into: Float64Array): number {
    const { channels, height, width, weight } = this.head;
    const scale = 1 / (height * width);
    const row = target.label * channels;
    for (let c = 0; c < channels; c++) into[c] = weight[row + c]! * scale;
    return 0;
  }
}
