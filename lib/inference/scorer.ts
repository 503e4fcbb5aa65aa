import { calibratedProbability } from './calibration';
import type { ModelSession } from './session';

/** Calibrated probability of one label for each image of a packed batch. */
export function labelScorer(session: ModelSession, label: number) {
  const { labels, calibration } = session.model.manifest;
  return async (batch: Float32Array, n: number): Promise<number[]> => {
    const out = await session.run(batch, n);
    return Array.from({ length: n }, (_, i) =>
      calibratedProbability(out.logits[i * labels.length + label]!, calibration.temperature),
    );
  };
}
