/**
 * The model card's confounder probe, recomputed on the shipped model.onnx with onnxruntime-node:
 * val AUC with a frame at the edge of the image, or the centre of the chest, filled with each
 * image's mean (rounded to 8 bits, as models/train/explore.py PROBES does). The card states how
 * much the ranking rests on what lies outside the lungs; this test fails when those numbers are
 * not what the shipped model does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auc,
  createNodeSession,
  loadModelFromDir,
  readImageSplit,
  scoreImages,
  type ImageSplit,
  type ModelSession,
} from '../../lib/inference/node';
import { pneumoniaMnistPath } from '../support/paths';
import { modelDir } from './support';

type Hides = (row: number, col: number, side: number) => boolean;

const frame =
  (width: number): Hides =>
  (r, c, side) =>
    r < width || r >= side - width || c < width || c >= side - width;

const PROBES: { phrase: RegExp; hides: Hides }[] = [
  { phrase: /val AUC is (\d\.\d{4}) as given/, hides: () => false },
  { phrase: /(\d\.\d{4}) with a 2-pixel frame/, hides: frame(2) },
  { phrase: /(\d\.\d{4}) with a 4-pixel frame/, hides: frame(4) },
  {
    phrase: /still (\d\.\d{4}) with the\s+centre of the chest/,
    hides: (r, c) => r >= 6 && r < 22 && c >= 4 && c < 24,
  },
];

/** Every image with the hidden pixels set to its own mean, rounded to 8 bits. */
function fillWithMean(split: ImageSplit, hides: Hides): Uint8Array {
  const pixels = split.height * split.width;
  const out = split.images.slice();
  for (let i = 0; i < split.count; i++) {
    const image = split.images.subarray(i * pixels, (i + 1) * pixels);
    const fill = Math.round(image.reduce((sum, v) => sum + v, 0) / pixels);
    for (let r = 0; r < split.height; r++) {
      for (let c = 0; c < split.width; c++)
        if (hides(r, c, split.width)) out[i * pixels + r * split.width + c] = fill;
    }
  }
  return out;
}

let session: ModelSession;
let val: ImageSplit;
const card = readFileSync(path.join(modelDir, 'MODEL_CARD.md'), 'utf8');

beforeAll(async () => {
  session = await createNodeSession(await loadModelFromDir(modelDir), { threads: 2 });
  val = await readImageSplit(pneumoniaMnistPath, 'val');
}, 60_000);

describe("the model card's confounder probe", () => {
  it('states the val AUC the shipped model has with the edge or the centre of the chest hidden', async () => {
    const measured: number[] = [];
    for (const { phrase, hides } of PROBES) {
      const stated = phrase.exec(card);
      expect(stated, String(phrase)).not.toBeNull();
      const logits = await scoreImages(session, {
        count: val.count,
        images: fillWithMean(val, hides),
        labels: val.labels,
      });
      const value = auc(val.labels, logits);
      expect(value.toFixed(4), String(phrase)).toBe(stated![1]);
      measured.push(value);
    }
    expect(measured[2]).toBeLessThan(measured[0]! - 0.02);
  }, 120_000);
});
