import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createNodeSession,
  loadModelFromDir,
  readImageSplit,
  type ModelSession,
} from '../../lib/inference/node';
import { EigenCam, normaliseByMax } from '../../lib/saliency';
import { pneumoniaMnistPath, workDir } from '../support/paths';
import { imageInput, maxAbsDifference, modelDir } from '../inference/support';

const INDICES = [0, 1, 2, 3];
let session: ModelSession;
let features: Float32Array;

beforeAll(async () => {
  session = await createNodeSession(await loadModelFromDir(modelDir));
  const test = await readImageSplit(pneumoniaMnistPath, 'test');
  const batch = new Float32Array(INDICES.length * 784);
  INDICES.forEach((index, i) => batch.set(imageInput(test.images, index, 784), i * 784));
  features = (await session.run(batch, INDICES.length, { features: true })).features!;
});

/** pytorch-grad-cam's get_2d_projection (numpy SVD), ReLU, min-max scaling; sign fixed as ours. */
function numpyEigenCam(file: string, n: number, shape: number[]): number[][] {
  const code = `
import json, numpy as np
a = np.fromfile(${JSON.stringify(file)}, dtype=np.float32).reshape(${n}, ${shape.join(', ')}).astype(np.float64)
out = []
for act in a:
    x = act.reshape(act.shape[0], -1).T
    x = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=True)
    p = x @ vt[0, :]
    p = p if p[np.argmax(np.abs(p))] > 0 else -p
    p = np.maximum(p, 0)
    p = p - p.min()
    out.append((p / (1e-7 + p.max())).tolist())
print(json.dumps(out))`;
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' }),
  ) as number[][];
}

describe('Eigen-CAM (forward-only)', () => {
  it('matches the numpy SVD projection of pytorch-grad-cam to 1e-4 after normalisation', () => {
    const head = session.model.head!;
    const dir = path.join(workDir, 'eigen-cam');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'features.f32');
    writeFileSync(file, features);
    const expected = numpyEigenCam(file, INDICES.length, [head.channels, head.height, head.width]);
    const method = new EigenCam(head);
    INDICES.forEach((_, index) => {
      const map = method.compute({ features, index, label: 0 });
      normaliseByMax(map);
      expect(maxAbsDifference(map.data, expected[index]!)).toBeLessThanOrEqual(1e-4);
    });
  });
});
