/**
 * The evaluation metrics, ported from models/train/metrics.py so that `secondlook eval`
 * reproduces the model card: AUC as Mann-Whitney U with average ranks, decisions at p >= t,
 * 15-bin ECE, NLL, and a percentile bootstrap CI of the AUC drawn with mulberry32.
 */

/** Mann-Whitney U / (n_pos * n_neg); a tied positive/negative pair counts 1/2. */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => scores[a]! - scores[b]! || a - b,
  );
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        rankSum += rank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface ThresholdMetrics {
  threshold: number;
  accuracy: number;
  sensitivity: number;
  specificity: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function atThreshold(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): ThresholdMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = probabilities[i]! >= threshold;
    if (labels[i]) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return {
    threshold,
    accuracy: (tp + tn) / labels.length,
    sensitivity: tp / (tp + fn),
    specificity: tn / (tn + fp),
    tp,
    fp,
    tn,
    fn,
  };
}

/** Expected calibration error over equal-width bins, bin = min(floor(p * bins), bins - 1). */
export function ece(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 15,
): number {
  const count = new Float64Array(bins);
  const labelSum = new Float64Array(bins);
  const probabilitySum = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const b = Math.min(Math.floor(p * bins), bins - 1);
    count[b]!++;
    labelSum[b]! += labels[i]! ? 1 : 0;
    probabilitySum[b]! += p;
  }
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b]!;
    if (n > 0)
      total += (n / probabilities.length) * Math.abs(labelSum[b]! / n - probabilitySum[b]! / n);
  }
  return total;
}

/** Mean binary cross-entropy with p clipped to [1e-12, 1 - 1e-12]. */
export function nll(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    total += labels[i]! ? Math.log(p) : Math.log(1 - p);
  }
  return -total / probabilities.length;
}

/** The common 32-bit JavaScript generator: floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** numpy.percentile(values, q) with the default 'linear' method (including numpy's lerp). */
export function percentileLinear(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = (q / 100) * (sorted.length - 1);
  const below = Math.floor(index);
  const t = index - below;
  const a = sorted[below]!;
  const b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

export interface BootstrapCi {
  low: number;
  high: number;
  resamples: number;
  seed: number;
  rng: 'mulberry32';
  method: 'percentile, linear interpolation';
}

/** Percentile bootstrap CI of the AUC: index = floor(u * N), resample after resample. */
export function bootstrapAucCi(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  resamples = 2000,
  seed = 2023,
  level = 0.95,
): BootstrapCi {
  const n = labels.length;
  const next = mulberry32(seed);
  const sampleLabels = new Uint8Array(n);
  const sampleScores = new Float64Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const pick = Math.floor(next() * n);
      sampleLabels[i] = labels[pick]! ? 1 : 0;
      sampleScores[i] = scores[pick]!;
    }
    values.push(auc(sampleLabels, sampleScores));
  }
  return {
    low: percentileLinear(values, (100 * (1 - level)) / 2),
    high: percentileLinear(values, (100 * (1 + level)) / 2),
    resamples,
    seed,
    rng: 'mulberry32',
    method: 'percentile, linear interpolation',
  };
}
