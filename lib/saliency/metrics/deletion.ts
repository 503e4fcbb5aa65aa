/**
 * Deletion (confidence-drop) faithfulness, in the spirit of pytorch-grad-cam's metrics and RISE's
 * deletion game: replace the most salient fraction of the model input with the image mean and
 * watch the label's probability fall; a map that finds what the model uses makes it fall faster
 * than deleting the same number of random pixels (seeded). Lower area under the curve = more
 * faithful. All perturbed inputs go through the model in one batch.
 */
import { mulberry32 } from '../../inference/evaluation/metrics';

/** Probability of the explained label for each of `n` packed inputs. */
export type BatchScorer = (batch: Float32Array, n: number) => Promise<number[]>;

export interface DeletionCurve {
  fractions: number[];
  /** Probability after deleting each fraction in saliency order. */
  saliency: number[];
  /** The same with a random order (the baseline a useful map must beat). */
  random: number[];
  /** Mean over the fractions (trapezoid rule on [0, 1]) of each curve. */
  saliencyArea: number;
  randomArea: number;
}

export interface DeletionOptions {
  /** Ascending fractions in [0, 1]; defaults to 0, 0.1, ..., 1. */
  fractions?: number[];
  seed?: number;
}

function area(fractions: number[], values: number[]): number {
  let total = 0;
  for (let i = 1; i < fractions.length; i++) {
    total += ((values[i]! + values[i - 1]!) / 2) * (fractions[i]! - fractions[i - 1]!);
  }
  return total;
}

/** Pixel indices by descending saliency (ties by index, so the order is deterministic). */
function salientOrder(map: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: map.length }, (_, i) => i);
  return order.sort((a, b) => map[b]! - map[a]! || a - b);
}

function randomOrder(length: number, seed: number): Uint32Array {
  const next = mulberry32(seed);
  const order = Uint32Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * `input` is one model input (C*H*W with C = 1), `map` the saliency at the same H*W resolution
 * (e.g. the Grad-CAM grid upsampled to the input size).
 */
export async function deletionCurve(
  score: BatchScorer,
  input: Float32Array,
  map: ArrayLike<number>,
  options: DeletionOptions = {},
): Promise<DeletionCurve> {
  const fractions = options.fractions ?? Array.from({ length: 11 }, (_, i) => i / 10);
  const size = input.length;
  let mean = 0;
  for (let i = 0; i < size; i++) mean += input[i]!;
  mean /= size;
  const orders = [salientOrder(map), randomOrder(size, options.seed ?? 1)];
  const batch = new Float32Array(orders.length * fractions.length * size);
  orders.forEach((order, o) => {
    fractions.forEach((fraction, f) => {
      const at = (o * fractions.length + f) * size;
      batch.set(input, at);
      const count = Math.round(fraction * size);
      for (let k = 0; k < count; k++) batch[at + order[k]!] = mean;
    });
  });
  const probabilities = await score(batch, orders.length * fractions.length);
  const saliency = probabilities.slice(0, fractions.length);
  const random = probabilities.slice(fractions.length);
  return {
    fractions,
    saliency,
    random,
    saliencyArea: area(fractions, saliency),
    randomArea: area(fractions, random),
  };
}
