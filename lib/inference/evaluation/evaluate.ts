/**
 * Scores a labelled image split with a session and computes the model card's metrics.
 * Runtime-agnostic: the caller supplies the images (e.g. from the npz reader).
 */
import { SecondlookError } from '../../errors';
import { calibratedProbability } from '../calibration';
import type { ModelSession } from '../session';
import { modelIdentity, type ModelIdentity } from '../score';
import {
  atThreshold,
  auc,
  bootstrapAucCi,
  ece,
  nll,
  type BootstrapCi,
  type ThresholdMetrics,
} from './metrics';

export interface LabelledImages {
  count: number;
  /** [count, H, W] 8-bit values, already at the model's input size. */
  images: Uint8Array;
  labels: Uint8Array;
}

interface SplitMetrics {
  n: number;
  positives: number;
  auc: number;
  ece15: number;
  nll: number;
  operatingPoints: Record<string, ThresholdMetrics>;
  aucCi95: BootstrapCi;
}

export interface EvaluationReport {
  model: ModelIdentity;
  provider: string;
  temperature: number;
  split: string;
  metrics: SplitMetrics;
}

/** Logit of the first label for every image, in batches. */
export async function scoreImages(
  session: ModelSession,
  data: LabelledImages,
  batchSize = 64,
): Promise<Float64Array> {
  const { channels, height, width } = session.model.manifest.input;
  const perImage = channels * height * width;
  if (data.images.length !== data.count * perImage) {
    throw new SecondlookError(
      'MODEL_INPUT',
      `images hold ${data.images.length} values, expected ${data.count} x ${perImage}`,
    );
  }
  const labels = session.model.manifest.labels.length;
  const logits = new Float64Array(data.count);
  const batch = new Float32Array(batchSize * perImage);
  for (let start = 0; start < data.count; start += batchSize) {
    const n = Math.min(batchSize, data.count - start);
    const input = batch.subarray(0, n * perImage);
    for (let i = 0; i < input.length; i++) input[i] = data.images[start * perImage + i]! / 255;
    const out = await session.run(n === batchSize ? batch : input.slice(), n);
    for (let i = 0; i < n; i++) logits[start + i] = out.logits[i * labels]!;
  }
  return logits;
}

function splitMetrics(
  session: ModelSession,
  labels: Uint8Array,
  logits: Float64Array,
): SplitMetrics {
  const { calibration, operatingPoints } = session.model.manifest;
  const probabilities = logits.map((logit) =>
    calibratedProbability(logit, calibration.temperature),
  );
  let positives = 0;
  for (const label of labels) positives += label ? 1 : 0;
  return {
    n: labels.length,
    positives,
    auc: auc(labels, logits),
    ece15: ece(labels, probabilities),
    nll: nll(labels, probabilities),
    operatingPoints: Object.fromEntries(
      operatingPoints.map((point) => [
        point.name,
        atThreshold(labels, probabilities, point.threshold),
      ]),
    ),
    aucCi95: bootstrapAucCi(labels, logits),
  };
}

export async function evaluate(
  session: ModelSession,
  split: string,
  data: LabelledImages,
): Promise<EvaluationReport> {
  const logits = await scoreImages(session, data);
  return {
    model: modelIdentity(session),
    provider: `${session.provider.runtime}/${session.provider.name}`,
    temperature: session.model.manifest.calibration.temperature,
    split,
    metrics: splitMetrics(session, data.labels, logits),
  };
}
