/**
 * The training pipeline's ONNX export (models/train/export.py), run on a small random ensemble of
 * the released architecture (3 members with flip-TTA: a 6-input channel Concat), against
 * PyTorch's own forward pass: the Concat tree rewrite keeps the values, and the added `cam` output
 * is sum_c head.weight[l][c] * features[c]. The shipped model is checked by the other tests; this
 * one checks what `train.py` would write for the next one.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { workDir } from '../support/paths';
import { maxAbsDifference, trainingPython } from './support';

interface TorchReference {
  input: number[];
  n: number;
  logits: number[];
  features: number[];
  featuresShape: number[];
  headWeight: number[][];
  concatFanIns: number[];
  outputs: string[];
}

const dir = path.join(workDir, 'export-graph');
const onnxPath = path.join(dir, 'model.onnx');
let reference: TorchReference;

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  const code = `
import json, sys, onnx, torch
import export
from model import Classifier, Released
torch.manual_seed(0)
members = [Classifier(widths=(8, 16, 32)) for _ in range(3)]
model = Released(members, flip_tta=True).eval()
path = sys.argv[1]
export.export_onnx(model, path)
graph = onnx.load(path).graph
x = torch.rand(3, 1, 28, 28)
with torch.no_grad():
    logits, features = model(x)
print(json.dumps({"input": x.flatten().tolist(), "n": 3, "logits": logits.flatten().tolist(),
                  "features": features.flatten().tolist(), "featuresShape": list(features.shape[1:]),
                  "headWeight": model.head.weight.tolist(),
                  "concatFanIns": [len(node.input) for node in graph.node if node.op_type == "Concat"],
                  "outputs": [output.name for output in graph.output]}))`;
  reference = trainingPython<TorchReference>(code, [onnxPath]);
}, 120_000);

describe("the training pipeline's ONNX export", () => {
  it('splits the 6-input Concat into Concats of at most 4 and adds the cam output', () => {
    expect(reference.outputs).toEqual(['logits', 'features', 'cam']);
    expect(Math.max(...reference.concatFanIns)).toBeLessThanOrEqual(4);
    expect(reference.concatFanIns.length).toBeGreaterThan(1);
  });

  it("runs in onnxruntime-node with PyTorch's logits and features, and cam = head-weighted features", async () => {
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(readFileSync(onnxPath));
    const { n, featuresShape } = reference;
    const image = new ort.Tensor('float32', Float32Array.from(reference.input), [n, 1, 28, 28]);
    const out = await session.run({ image });
    expect(maxAbsDifference(out.logits!.data as Float32Array, reference.logits)).toBeLessThan(1e-4);
    const features = out.features!.data as Float32Array;
    expect(maxAbsDifference(features, reference.features)).toBeLessThan(1e-4);
    const [channels, height, width] = featuresShape as [number, number, number];
    const plane = height * width;
    const labels = reference.headWeight.length;
    expect(out.cam!.dims).toEqual([n, labels, height, width]);
    const expected: number[] = [];
    for (let image = 0; image < n; image++)
      for (let label = 0; label < labels; label++)
        for (let i = 0; i < plane; i++) {
          let sum = 0;
          for (let c = 0; c < channels; c++)
            sum +=
              reference.headWeight[label]![c]! *
              reference.features[(image * channels + c) * plane + i]!;
          expected.push(sum);
        }
    expect(maxAbsDifference(out.cam!.data as Float32Array, expected)).toBeLessThan(1e-4);
    await session.release();
  });
});
