/**
 * Logits -> temperature-calibrated probabilities -> findings at the manifest's operating points.
 */
import type { ModelManifest } from './manifest';

export interface Finding {
  label: string;
  probability: number;
  operatingPoint: string;
  threshold: number;
  flagged: boolean;
}

/** p = 1 / (1 + exp(-logit / T)), in float64. */
export function calibratedProbability(logit: number, temperature: number): number {
  return 1 / (1 + Math.exp(-logit / temperature));
}

/** Probability per label name for one image's logits. */
export function probabilities(
  manifest: ModelManifest,
  logits: ArrayLike<number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const label of manifest.labels) {
    out[label.name] = calibratedProbability(logits[label.index]!, manifest.calibration.temperature);
  }
  return out;
}

/** One finding per label and operating point; flagged iff p >= threshold. */
export function findings(manifest: ModelManifest, probability: Record<string, number>): Finding[] {
  return manifest.labels.flatMap((label) =>
    manifest.operatingPoints.map((point) => {
      const p = probability[label.name]!;
      return {
        label: label.name,
        probability: p,
        operatingPoint: point.name,
        threshold: point.threshold,
        flagged: p >= point.threshold,
      };
    }),
  );
}
