/**
 * Eigen-CAM (Muhammad and Yeasin 2020), forward-only and class-agnostic: the feature maps'
 * first principal component. With X the centred [positions x channels] activation matrix and
 * u, s its top left singular vector and value, the projection X v = s u; as channel weights,
 * v = X^T u / s with the constant -v . mean. u comes from power iteration on the small
 * positions x positions Gram matrix X X^T. The sign, arbitrary in an SVD, is fixed so that the
 * largest-magnitude entry of the projection is positive.
 */
import { CamMethod } from './cam-method';
import type { CamFetches, CamTarget, HeadWeights } from './types';

const MAX_ITERATIONS = 10_000;

export class EigenCam extends CamMethod {
  readonly name = 'eigen-cam';
  private readonly centred: Float64Array;
  private readonly means: Float64Array;
  private readonly gram: Float64Array;

  constructor(head: HeadWeights) {
    super(head);
    const plane = head.height * head.width;
    this.centred = new Float64Array(head.channels * plane);
    this.means = new Float64Array(head.channels);
    this.gram = new Float64Array(plane * plane);
  }

  fetches(): CamFetches {
    return { features: true };
  }

  protected channelWeights(target: CamTarget, features: Float32Array, into: Float64Array): number {
    const { channels, height, width } = this.head;
    const plane = height * width;
    const base = target.index * channels * plane;
    const { centred, means, gram } = this;
    for (let c = 0; c < channels; c++) {
      let mean = 0;
      for (let i = 0; i < plane; i++) mean += features[base + c * plane + i]!;
      mean /= plane;
      means[c] = mean;
      for (let i = 0; i < plane; i++)
        centred[c * plane + i] = features[base + c * plane + i]! - mean;
    }
    gram.fill(0);
    for (let c = 0; c < channels; c++) {
      const row = c * plane;
      for (let i = 0; i < plane; i++) {
        const a = centred[row + i]!;
        for (let j = i; j < plane; j++) gram[i * plane + j]! += a * centred[row + j]!;
      }
    }
    for (let i = 0; i < plane; i++)
      for (let j = 0; j < i; j++) gram[i * plane + j] = gram[j * plane + i]!;
    const u = topEigenvector(gram, plane);
    let largest = 0;
    for (let i = 0; i < plane; i++) if (Math.abs(u[i]!) > Math.abs(largest)) largest = u[i]!;
    const sign = largest < 0 ? -1 : 1;
    let norm = 0;
    for (let c = 0; c < channels; c++) {
      let value = 0;
      for (let i = 0; i < plane; i++) value += centred[c * plane + i]! * u[i]!;
      into[c] = sign * value;
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    let offset = 0;
    for (let c = 0; c < channels; c++) {
      into[c]! /= norm;
      offset -= into[c]! * means[c]!;
    }
    return offset;
  }
}

/** Unit eigenvector of the largest eigenvalue of a symmetric positive semi-definite matrix. */
function topEigenvector(matrix: Float64Array, n: number): Float64Array {
  // Start from the diagonal: a centred Gram matrix maps the all-ones vector to zero.
  let vector = Float64Array.from({ length: n }, (_, i) => matrix[i * n + i]!);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let value = 0;
      for (let j = 0; j < n; j++) value += matrix[i * n + j]! * vector[j]!;
      next[i] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    if (norm === 0) return next;
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i]! /= norm;
      change = Math.max(change, Math.abs(next[i]! - vector[i]!));
    }
    [vector, next] = [next, vector];
    if (change < 1e-13) break;
  }
  return vector;
}
