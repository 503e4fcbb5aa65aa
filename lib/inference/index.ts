/**
 * lib/inference: model manifests, sessions (onnxruntime-web here; onnxruntime-node through
 * `./node`), preprocessing, calibrated scoring, intended-use checks and evaluation metrics.
 * Browser-safe: nothing here imports a Node module.
 */
export * from './manifest';
export { loadManifest, loadModel, type LoadedModel } from './load-model';
export { calibratedProbability, type Finding } from './calibration';
export { labelScorer } from './scorer';
export type { ModelSession, ProviderReport } from './session';
export { createWebSession, type WebProvider } from './web-session';
export { modelIdentity, packBatch, scoreBatch, type ModelIdentity } from './score';
export { hasColour, prepareInput, type PreparedInput } from './preprocess';
export {
  blocksScoring,
  checkScope,
  dicomScopeFacts,
  type OutOfScopeReason,
  type ScopeFacts,
} from './scope';
export * from './evaluation/metrics';
export { type ModelFacts } from './model-facts';
export {
  evaluate,
  scoreImages,
  type EvaluationReport,
  type LabelledImages,
} from './evaluation/evaluate';
export {
  boxProbe,
  CARD_PROBES,
  frameProbe,
  occlude,
  runProbes,
  type Probe,
  type ProbeReport,
} from './evaluation/probes';
