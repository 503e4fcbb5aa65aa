/**
 * Occlusion probes for auditors: how much of a model's ranking rests on one part of the image.
 * Each probe sets the pixels of a region to the image's own mean grey level (rounded half to
 * even to 8 bits, as models/train/probes.py does) and scores the labelled split again. A large
 * AUC drop for a frame at the edge means the model reads the border (collimation, markers, field
 * of view); an AUC far above 0.5 with the lungs hidden means it ranks from something outside them.
 */
import { SecondlookError } from '../../errors';
import { calibratedProbability } from '../calibration';
import type { ModelSession } from '../session';
import { modelIdentity, type ModelIdentity } from '../score';
import { scoreImages, type LabelledImages } from './evaluate';
import { auc } from './metrics';

/** A frame `width` pixels wide at every edge, or a box of rows and columns (inclusive ranges). */
export type ProbeRegion =
  | { kind: 'frame'; width: number }
  | { kind: 'box'; rows: [number, number]; cols: [number, number] };

export interface Probe {
  name: string;
  region: ProbeRegion;
}

/** The model card's probes (models/train/probes.py PROBES), in its order. */
export const CARD_PROBES: readonly Probe[] = [
  { name: 'frame 2 px', region: { kind: 'frame', width: 2 } },
  { name: 'frame 4 px', region: { kind: 'frame', width: 4 } },
  {
    name: 'lungs hidden (rows 6-21, cols 4-23)',
    region: { kind: 'box', rows: [6, 21], cols: [4, 23] },
  },
];

interface ProbeResult extends Probe {
  auc: number;
  /** AUC with the region hidden minus AUC as given. */
  delta: number;
  /** Images whose call flips at each operating point when the region is hidden. */
  changedCalls: Record<string, number>;
}

export interface ProbeReport {
  model: ModelIdentity;
  provider: string;
  split: string;
  n: number;
  asGiven: number;
  probes: ProbeResult[];
}

const INTEGER_RANGE = /^(\d+)-(\d+)$/;

function range(text: string, side: number, spec: string): [number, number] {
  const match = INTEGER_RANGE.exec(text);
  const [first, last] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(first <= last && last < side)) {
    throw new SecondlookError(
      'USAGE',
      `box ${spec}: ${text} is not a range FIRST-LAST of pixel indices 0-${side - 1}`,
    );
  }
  return [first, last];
}

/** `--frame W`: W pixels at each edge, leaving at least one pixel visible. */
export function frameProbe(text: string, side: number): Probe {
  const width = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(width >= 1 && 2 * width < side)) {
    throw new SecondlookError(
      'USAGE',
      `frame ${text}: the width must be a whole number of pixels from 1 to ${Math.ceil(side / 2) - 1}`,
    );
  }
  return { name: `frame ${width} px`, region: { kind: 'frame', width } };
}

/** `--box ROWS:COLS`, e.g. `6-21:4-23` (inclusive pixel ranges). */
export function boxProbe(text: string, side: number): Probe {
  const parts = text.split(':');
  if (parts.length !== 2) {
    throw new SecondlookError('USAGE', `box ${text}: expected ROWS:COLS, e.g. 6-21:4-23`);
  }
  const rows = range(parts[0]!, side, text);
  const cols = range(parts[1]!, side, text);
  return {
    name: `box rows ${rows[0]}-${rows[1]}, cols ${cols[0]}-${cols[1]}`,
    region: { kind: 'box', rows, cols },
  };
}

function hides(region: ProbeRegion, row: number, col: number, side: number): boolean {
  if (region.kind === 'frame') {
    const w = region.width;
    return row < w || row >= side - w || col < w || col >= side - w;
  }
  return (
    row >= region.rows[0] && row <= region.rows[1] && col >= region.cols[0] && col <= region.cols[1]
  );
}

/** sum / count rounded half to even, in integers (numpy's np.round of the same quotient). */
function roundedMean(sum: number, count: number): number {
  const floor = Math.floor(sum / count);
  const twice = 2 * (sum - floor * count);
  return twice > count || (twice === count && floor % 2 === 1) ? floor + 1 : floor;
}

/** Every image with the region set to its own mean; images are [count, side, side] 8-bit. */
export function occlude(data: LabelledImages, side: number, region: ProbeRegion): Uint8Array {
  const pixels = side * side;
  if (data.images.length !== data.count * pixels) {
    throw new SecondlookError(
      'MODEL_INPUT',
      `images hold ${data.images.length} values, expected ${data.count} x ${side} x ${side}`,
    );
  }
  const mask: number[] = [];
  for (let i = 0; i < pixels; i++) {
    if (hides(region, Math.floor(i / side), i % side, side)) mask.push(i);
  }
  const out = data.images.slice();
  for (let n = 0; n < data.count; n++) {
    const image = out.subarray(n * pixels, (n + 1) * pixels);
    const fill = roundedMean(
      image.reduce((sum, v) => sum + v, 0),
      pixels,
    );
    for (const i of mask) image[i] = fill;
  }
  return out;
}

function calls(session: ModelSession, logits: Float64Array, threshold: number): boolean[] {
  const { temperature } = session.model.manifest.calibration;
  return Array.from(logits, (logit) => calibratedProbability(logit, temperature) >= threshold);
}

/** AUC as given and with each probe's region hidden, on a labelled split at the model's size. */
export async function runProbes(
  session: ModelSession,
  split: string,
  data: LabelledImages,
  probes: readonly Probe[],
): Promise<ProbeReport> {
  const { height, width } = session.model.manifest.input;
  if (height !== width) {
    throw new SecondlookError('MODEL_INPUT', `probes need a square input, not ${height}x${width}`);
  }
  const points = session.model.manifest.operatingPoints;
  const given = await scoreImages(session, data);
  const asGiven = auc(data.labels, given);
  const givenCalls = points.map((point) => calls(session, given, point.threshold));
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    const images = occlude(data, width, probe.region);
    const logits = await scoreImages(session, { ...data, images });
    const value = auc(data.labels, logits);
    const changedCalls = Object.fromEntries(
      points.map((point, p) => [
        point.name,
        calls(session, logits, point.threshold).filter((call, i) => call !== givenCalls[p]![i])
          .length,
      ]),
    );
    results.push({ ...probe, auc: value, delta: value - asGiven, changedCalls });
  }
  return {
    model: modelIdentity(session),
    provider: `${session.provider.runtime}/${session.provider.name}`,
    split,
    n: data.count,
    asGiven,
    probes: results,
  };
}
