/**
 * Whether the maps show what the model uses, over a labelled split: for every image the model
 * flags at an operating point (up to `limit`, in split order), each CAM method's deletion curve
 * (lib/saliency deletion: the most salient pixels set to the image mean, a fraction at a time)
 * against a random order of the same pixels. A faithful map makes the flagged probability fall
 * faster than the random order: a lower area under its curve, on most images. For auditors
 * asking whether Grad-CAM can be trusted on this model before they read its maps for confounders.
 */
import {
  calibratedProbability,
  labelScorer,
  modelIdentity,
  scoreImages,
  type LabelledImages,
  type ModelIdentity,
  type ModelSession,
} from '../../inference';
import { SecondlookError } from '../../errors';
import type { CamMethod } from '../cam-method';
import { explain } from '../explain';
import { deletionCurve } from './deletion';

interface MethodFaithfulness {
  method: string;
  /** Mean area under the deletion curve (lower: the map finds what the model uses). */
  deletionArea: number;
  /** Share of the images whose curve's area is below the random order's. */
  beatsRandom: number;
  /** Mean flagged probability after deleting each fraction of the pixels, in map order. */
  curve: number[];
}

export interface FaithfulnessReport {
  model: ModelIdentity;
  provider: string;
  split: string;
  label: string;
  operatingPoint: string;
  /** Images in the split, those the model flags, and those explained (at most `limit`). */
  images: number;
  flagged: number;
  explained: number;
  fractions: number[];
  /** The random order's mean area and mean curve (the same pixels deleted at random). */
  random: { deletionArea: number; curve: number[] };
  methods: MethodFaithfulness[];
}

export interface FaithfulnessOptions {
  /** The operating point whose flagged images are explained; the manifest's last by default. */
  operatingPoint?: string;
  /** At most this many images (200 by default). */
  limit?: number;
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function meanCurve(curves: readonly number[][]): number[] {
  return curves[0]!.map((_, f) => mean(curves.map((curve) => curve[f]!)));
}

/** The deletion game for each method over the images the model flags (the first label). */
export async function runFaithfulness(
  session: ModelSession,
  split: string,
  data: LabelledImages,
  methods: readonly CamMethod[],
  options: FaithfulnessOptions = {},
): Promise<FaithfulnessReport> {
  const { input, labels, operatingPoints, calibration, outputs } = session.model.manifest;
  const point = options.operatingPoint
    ? operatingPoints.find((p) => p.name === options.operatingPoint)
    : operatingPoints.at(-1);
  if (!point) {
    throw new SecondlookError(
      'USAGE',
      `the model has no operating point ${options.operatingPoint ?? ''}`.trim(),
    );
  }
  const size = input.channels * input.height * input.width;
  const logits = await scoreImages(session, data);
  const flagged = [...logits.keys()].filter(
    (i) => calibratedProbability(logits[i]!, calibration.temperature) >= point.threshold,
  );
  const chosen = flagged.slice(0, Math.max(1, options.limit ?? 200));
  const score = labelScorer(session, 0);
  const fetches = {
    features: methods.some((method) => method.fetches(outputs).features),
    camGrid: methods.some((method) => method.fetches(outputs).camGrid),
  };
  const perMethod = methods.map(() => ({
    areas: [] as number[],
    wins: 0,
    curves: [] as number[][],
  }));
  const random = { areas: [] as number[], curves: [] as number[][] };
  let fractions: number[] = [];
  for (const index of chosen) {
    const image = Float32Array.from(
      data.images.subarray(index * size, (index + 1) * size),
      (v) => v / 255,
    );
    const out = await session.run(image, 1, fetches);
    const region = { left: 0, top: 0, size: input.width };
    for (const [m, method] of methods.entries()) {
      const map = explain(method, out, 0, 0, { width: input.width, height: input.height, region });
      const curve = await deletionCurve(score, image, map.source.data, { seed: index + 1 });
      fractions = curve.fractions;
      perMethod[m]!.areas.push(curve.saliencyArea);
      perMethod[m]!.curves.push(curve.saliency);
      if (curve.saliencyArea < curve.randomArea) perMethod[m]!.wins += 1;
      if (m === 0) {
        random.areas.push(curve.randomArea);
        random.curves.push(curve.random);
      }
    }
  }
  return {
    model: modelIdentity(session),
    provider: `${session.provider.runtime}/${session.provider.name}`,
    split,
    label: labels[0]!.name,
    operatingPoint: point.name,
    images: data.count,
    flagged: flagged.length,
    explained: chosen.length,
    fractions,
    random: {
      deletionArea: mean(random.areas),
      curve: chosen.length ? meanCurve(random.curves) : [],
    },
    methods: methods.map((method, m) => ({
      method: method.name,
      deletionArea: mean(perMethod[m]!.areas),
      beatsRandom: perMethod[m]!.wins / Math.max(1, chosen.length),
      curve: chosen.length ? meanCurve(perMethod[m]!.curves) : [],
    })),
  };
}
