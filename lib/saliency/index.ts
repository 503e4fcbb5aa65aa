/**
 * lib/saliency: CAM methods over one shared base (pytorch-grad-cam's split), mapping maps back
 * onto the source image, overlays with a perceptual colour map, summary numbers and metrics that
 * judge a map (the deletion game, and its run over a labelled split). Browser-safe.
 */
export type { CamFetches, CamMap } from './types';
export { GradCam } from './grad-cam';
export { EigenCam } from './eigen-cam';
export { normaliseByMax } from './normalise';
export { upsampleToSource } from './upsample';
export { summariseCam } from './summary';
export {
  blendOverGrey,
  colourBar,
  renderOverlay,
  type CamOverlay,
  type ColourBarStop,
} from './overlay';
export { explain, type Explanation } from './explain';
export { bodyMask, outsideBodyMass } from './body-mask';
export {
  CONFOUNDER_LIMITS,
  confounderFlags,
  readStoredCam,
  storedCamOf,
  type ConfounderFlag,
  type ConfounderLimits,
  type StoredCam,
} from './confounders';
export { deletionCurve, type DeletionCurve } from './metrics/deletion';
export { runFaithfulness, type FaithfulnessReport } from './metrics/faithfulness';
