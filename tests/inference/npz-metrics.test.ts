import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auc,
  mulberry32,
  percentileLinear,
  readImageSplit,
  readNpz,
} from '../../lib/inference/node';
import { pneumoniaMnistPath, repoRoot, workDir } from '../support/paths';

/** Debian's python3 with numpy, the independent reference. */
function python(code: string): string {
  return execFileSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', cwd: repoRoot });
}

describe('npz reader', () => {
  it('reads every PneumoniaMNIST array as numpy does (shape, pixel sums)', async () => {
    const reference = JSON.parse(
      python(
        `import json, numpy as np\nd = np.load(${JSON.stringify(pneumoniaMnistPath)})\n` +
          'print(json.dumps({k: [list(d[k].shape), int(d[k].astype(np.int64).sum())] for k in d}))',
      ),
    ) as Record<string, [number[], number]>;
    const arrays = await readNpz(pneumoniaMnistPath);
    expect([...arrays.keys()].sort()).toEqual(Object.keys(reference).sort());
    for (const [name, [shape, sum]] of Object.entries(reference)) {
      const array = arrays.get(name)!;
      expect(array.shape).toEqual(shape);
      expect((array.data as Uint8Array).reduce((total, value) => total + value, 0)).toBe(sum);
    }
    const test = await readImageSplit(pneumoniaMnistPath, 'test');
    expect([test.count, test.height, test.width]).toEqual([624, 28, 28]);
  });

  it('reports a truncated archive as NPZ_FORMAT with the file', async () => {
    const dir = path.join(workDir, 'npz');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'truncated.npz');
    writeFileSync(file, readFileSync(pneumoniaMnistPath).subarray(0, 100_000));
    await expect(readNpz(file)).rejects.toMatchObject({ code: 'NPZ_FORMAT', file });
  });
});

describe('evaluation metrics against the training code (models/train/metrics.py)', () => {
  it('AUC counts a tied positive/negative pair as 1/2 (hand-computed)', () => {
    // pairs (pos, neg): (0.8, 0.8) 1/2, (0.8, 0.1) 1, (0.3, 0.8) 0, (0.3, 0.1) 1 -> 2.5 / 4
    expect(auc([1, 0, 1, 0], [0.8, 0.8, 0.3, 0.1])).toBe(0.625);
  });

  it('draws the same mulberry32 stream and numpy percentiles', () => {
    const values = Array.from({ length: 37 }, (_, i) => Math.sin(i * 1.7) * 10);
    const reference = JSON.parse(
      python(
        'import json, sys, numpy as np\nsys.path.insert(0, "models/train")\nimport metrics\n' +
          'g = metrics.mulberry32(2023)\n' +
          `v = ${JSON.stringify(values)}\n` +
          'print(json.dumps({"u": [next(g) for _ in range(5)], ' +
          '"p": [float(x) for x in np.percentile(v, [100 * (1 - 0.95) / 2, 100 * (1 + 0.95) / 2, 50])]}))',
      ),
    ) as { u: number[]; p: number[] };
    const next = mulberry32(2023);
    expect(Array.from({ length: 5 }, next)).toEqual(reference.u);
    expect(
      [(100 * (1 - 0.95)) / 2, (100 * (1 + 0.95)) / 2, 50].map((q) => percentileLinear(values, q)),
    ).toEqual(reference.p);
  });
});
