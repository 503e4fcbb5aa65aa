/**
 * Batched scoring: packed model inputs -> logits -> calibrated probabilities -> findings, with
 * the provider that ran and how long it took.
 */
import { findings, probabilities, type Finding } from './calibration';
import type { ModelSession, ProviderReport, RunOptions } from './session';

export interface ModelIdentity {
  id: string;
  version: string;
  sha256: string;
}

interface ImageScore {
  logits: number[];
  probabilities: Record<string, number>;
  findings: Finding[];
}

export interface BatchScore {
  model: ModelIdentity;
  provider: ProviderReport;
  scores: ImageScore[];
  /** [n, C, h, w] when features were asked for (CAM input). */
  features: Float32Array | null;
  /** [n, labels, h, w] when the cam grid was asked for (Grad-CAM input). */
  camGrid: Float32Array | null;
  timings: { inferenceMs: number; perImageMs: number };
}

export function modelIdentity(session: ModelSession): ModelIdentity {
  const { id, version, sha256 } = session.model.manifest;
  return { id, version, sha256 };
}

/** Packs per-image model inputs (each C*H*W values) into one NCHW batch. */
export function packBatch(inputs: readonly Float32Array[]): Float32Array {
  const size = inputs[0]?.length ?? 0;
  const batch = new Float32Array(size * inputs.length);
  inputs.forEach((input, i) => batch.set(input, i * size));
  return batch;
}

export async function scoreBatch(
  session: ModelSession,
  batch: Float32Array,
  n: number,
  options: RunOptions = {},
): Promise<BatchScore> {
  const { manifest } = session.model;
  const started = performance.now();
  const outputs = await session.run(batch, n, options);
  const inferenceMs = performance.now() - started;
  const labels = manifest.labels.length;
  const scores: ImageScore[] = [];
  for (let i = 0; i < n; i++) {
    const logits = Array.from(outputs.logits.subarray(i * labels, (i + 1) * labels));
    const probability = probabilities(manifest, logits);
    scores.push({ logits, probabilities: probability, findings: findings(manifest, probability) });
  }
  return {
    model: modelIdentity(session),
    provider: session.provider,
    scores,
    features: outputs.features,
    camGrid: outputs.camGrid,
    timings: { inferenceMs, perImageMs: n > 0 ? inferenceMs / n : 0 },
  };
}
