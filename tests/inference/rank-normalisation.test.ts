/**
 * The training pipeline's per-image rank normalisation (models/train/model.py `rank_normalise`,
 * histogram equalisation at 8-bit levels), exported to ONNX and run by onnxruntime-node, against
 * its definition computed here pixel pair by pixel pair: a pixel becomes the fraction of its
 * image's pixels whose 8-bit level is at or below its own, then (r - 0.5) * sqrt(12). Also a
 * small ensemble with that normalisation through `export.export_onnx`, against PyTorch.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InferenceSession } from 'onnxruntime-node';
import { readImageSplit } from '../../lib/inference/npz-node';
import { pneumoniaMnistPath, workDir } from '../support/paths';
import { imageInput, maxAbsDifference, trainingPython } from './support';

const PIXELS = 28 * 28;
const VAL_INDICES = [0, 1, 2, 3, 4, 5];
const dir = path.join(workDir, 'rank-normalisation');
const normalisePath = path.join(dir, 'rank.onnx');
const ensemblePath = path.join(dir, 'ensemble.onnx');

interface TorchReference {
  input: number[];
  torchRanks: number[];
  logits: number[];
  normalisation: string;
}

let reference: TorchReference;
let inputs: Float32Array;

/** The 8-bit level the graph assigns: the first l with x <= float32((l + 0.5) / 255). */
function level(x: number): number {
  let l = 0;
  while (l < 255 && x > Math.fround((l + 0.5) / 255)) l++;
  return l;
}

function definition(image: Float32Array): number[] {
  const levels = Array.from(image, level);
  return levels.map((own) => {
    let atOrBelow = 0;
    for (const other of levels) if (other <= own) atOrBelow++;
    return (atOrBelow / PIXELS - 0.5) * Math.sqrt(12);
  });
}

/** Real val images, one with values between the 8-bit levels, and a flat image. */
async function testImages(): Promise<Float32Array> {
  const val = await readImageSplit(pneumoniaMnistPath, 'val');
  const images = VAL_INDICES.map((i) => imageInput(val.images, i, PIXELS));
  const between = Float32Array.from(images[0]!, (v, i) =>
    Math.min(1, v + ((i * 37) % 97) / 97 / 300),
  );
  return Float32Array.from([
    ...images.flatMap((image) => [...image]),
    ...between,
    ...new Float32Array(PIXELS).fill(0.4),
  ]);
}

async function run(file: string, image: Float32Array, output: string): Promise<Float32Array> {
  const ort = await import('onnxruntime-node');
  const session: InferenceSession = await ort.InferenceSession.create(readFileSync(file));
  const n = image.length / PIXELS;
  const out = await session.run({ image: new ort.Tensor('float32', image, [n, 1, 28, 28]) });
  await session.release();
  return out[output]!.data as Float32Array;
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  inputs = await testImages();
  const code = `
import json, sys, torch
import export
from model import Classifier, Released, rank_normalise

class RankNormalise(torch.nn.Module):
    def forward(self, image):
        return rank_normalise(image)

x = torch.tensor(json.load(sys.stdin), dtype=torch.float32).view(-1, 1, 28, 28)
torch.onnx.export(RankNormalise(), x[:2], sys.argv[1], opset_version=17, input_names=["image"],
                  output_names=["ranks"], dynamic_axes={"image": {0: "N"}, "ranks": {0: "N"}})
torch.manual_seed(0)
model = Released([Classifier(widths=(8, 16, 32), normalisation="rank") for _ in range(2)], flip_tta=True).eval()
export.export_onnx(model, sys.argv[2])
with torch.no_grad():
    print(json.dumps({"input": x.flatten().tolist(), "torchRanks": rank_normalise(x).flatten().tolist(),
                      "logits": model(x)[0].flatten().tolist(), "normalisation": model.normalisation}))`;
  reference = trainingPython<TorchReference>(
    code,
    [normalisePath, ensemblePath],
    JSON.stringify(Array.from(inputs)),
  );
}, 120_000);

describe('rank normalisation (histogram equalisation inside the graph)', () => {
  it('computes, in onnxruntime-node and in PyTorch, the fraction of pixels at or below each level', async () => {
    const expected = Array.from({ length: inputs.length / PIXELS }, (_, i) =>
      definition(inputs.subarray(i * PIXELS, (i + 1) * PIXELS)),
    ).flat();
    const ranks = await run(normalisePath, inputs, 'ranks');
    expect(maxAbsDifference(ranks, expected)).toBeLessThan(1e-6);
    expect(maxAbsDifference(reference.torchRanks, expected)).toBeLessThan(1e-6);
    const flat = ranks.subarray(ranks.length - PIXELS);
    expect(new Set(flat)).toEqual(new Set([Math.fround(0.5 * Math.sqrt(12))]));
  });

  it('gives the same output after a window change that keeps the order of the grey levels', async () => {
    const val = await readImageSplit(pneumoniaMnistPath, 'val');
    const clamped = Array.from(val.images.subarray(0, PIXELS), (v) =>
      Math.min(191, Math.max(64, v)),
    );
    const base = Float32Array.from(clamped, (v) => v / 255);
    const stretched = Float32Array.from(clamped, (v) => (2 * (v - 64)) / 255);
    const ranks = await run(normalisePath, Float32Array.from([...base, ...stretched]), 'ranks');
    expect(new Set(clamped).size).toBeGreaterThan(50);
    expect(Array.from(ranks.subarray(PIXELS))).toEqual(Array.from(ranks.subarray(0, PIXELS)));
  });

  it('exports an ensemble with it that runs in onnxruntime-node with PyTorch logits', async () => {
    expect(reference.normalisation).toBe('rank');
    const logits = await run(ensemblePath, inputs, 'logits');
    expect(maxAbsDifference(logits, reference.logits)).toBeLessThan(1e-4);
  });
});
