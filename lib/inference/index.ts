/**
 * lib/inference: model manifests, sessions (onnxruntime-web here; onnxruntime-node through
 * `./node`), preprocessing, calibrated scoring, intended-use checks and evaluation metrics.
 * Browser-safe: nothing here imports a Node module.
 */
export * from './manifest';
export {
  loadManifest,
  loadModel,
  sha256Hex,
  type LoadedModel,
  type ModelFileReader,
} from './load-model';
export { calibratedProbability, findings, probabilities, type Finding } from './calibration';
export { labelScorer } from './scorer';
export type {
  ModelSession,
  ProviderReport,
  RunOptions,
  RuntimeName,
  SessionOutputs,
} from './session';
export { createWebSession, type WebProvider, type WebSessionOptions } from './web-session';
export {
  modelIdentity,
  packBatch,
  scoreBatch,
  type BatchScore,
  type ImageScore,
  type ModelIdentity,
} from './score';
export { hasColour, prepareInput, toGrey, type PreparedInput } from './preprocess';
export {
  blocksScoring,
  checkScope,
  type OutOfScopeReason,
  type ScopeCode,
  type ScopeFacts,
} from './scope';
export * from './evaluation/metrics';
export { modelFacts, type ModelFacts, type PointFigures, type SplitFigures } from './model-facts';
export {
  evaluate,
  scoreImages,
  splitMetrics,
  type EvaluationReport,
  type LabelledImages,
  type SplitMetrics,
} from './evaluation/evaluate';
export {
  boxProbe,
  CARD_PROBES,
  frameProbe,
  occlude,
  runProbes,
  type Probe,
  type ProbeRegion,
  type ProbeReport,
  type ProbeResult,
} from './evaluation/probes';
