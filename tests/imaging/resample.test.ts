/**
 * Resampling: hand-worked 1D cases, then 2D against PyTorch's interpolate (Debian's
 * python3-torch), an independent implementation: bilinear with align_corners=False for
 * growing, area (adaptive average pooling) for shrinking by an integer factor, where the two
 * definitions coincide.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { centreCropSquare, resize, type FloatPlane } from '../../lib/imaging';
import { workDir } from '../support/paths';

const row = (values: number[]): FloatPlane => ({
  width: values.length,
  height: 1,
  data: Float32Array.from(values),
});

describe('resize, worked by hand', () => {
  it('averages areas when shrinking', () => {
    expect(Array.from(resize(row([1, 2, 3, 4]), 2, 1).data)).toEqual([1.5, 3.5]);
    // 3 -> 2, each output covers 1.5 inputs: (0*1 + 3*0.5) / 1.5 = 1, (3*0.5 + 6*1) / 1.5 = 5
    expect(Array.from(resize(row([0, 3, 6]), 2, 1).data)).toEqual([1, 5]);
  });
  it('interpolates bilinearly with half-pixel centres when growing', () => {
    // 2 -> 4: sample points (i + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped
    // to 1), so [0, 0.75*0 + 0.25*4, 0.25*0 + 0.75*4, 4] = [0, 1, 3, 4]
    expect(Array.from(resize(row([0, 4]), 4, 1).data)).toEqual([0, 1, 3, 4]);
  });
  it('keeps a constant image constant whatever the factors', () => {
    const plane = { width: 7, height: 5, data: new Float32Array(35).fill(42) };
    for (const [w, h] of [
      [3, 2],
      [11, 9],
      [7, 12],
      [2, 5],
    ] as const) {
      for (const v of resize(plane, w, h).data) expect(v).toBeCloseTo(42, 4);
    }
  });
  it('refuses an empty target', () => {
    expect(() => resize(row([1]), 0, 1)).toThrow(expect.objectContaining({ code: 'BAD_SIZE' }));
  });
});

describe('centreCropSquare', () => {
  it('cuts the middle square, the odd extra column at the end', () => {
    // 5 x 2: columns 0..4, square of 2 starts at floor((5 - 2) / 2) = 1
    const plane = {
      width: 5,
      height: 2,
      data: Float32Array.from([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]),
    };
    expect(centreCropSquare(plane)).toEqual({
      width: 2,
      height: 2,
      data: Float32Array.from([1, 2, 11, 12]),
    });
  });
});

function torchResize(plane: FloatPlane, width: number, height: number, mode: string): Float32Array {
  mkdirSync(workDir, { recursive: true });
  const input = path.join(workDir, `resample-${mode}-in.f32`);
  const output = path.join(workDir, `resample-${mode}-out.f32`);
  writeFileSync(input, plane.data);
  const script = `
import sys, numpy as np, torch
x = torch.from_numpy(np.fromfile(sys.argv[1], dtype=np.float32).reshape(1, 1, ${plane.height}, ${plane.width}))
kw = {'align_corners': False} if '${mode}' == 'bilinear' else {}
y = torch.nn.functional.interpolate(x.double(), size=(${height}, ${width}), mode='${mode}', **kw)
y.float().numpy().tofile(sys.argv[2])
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script, input, output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`torch reference failed: ${run.stderr}`);
  const bytes = readFileSync(output);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
}

function pattern(width: number, height: number): FloatPlane {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[y * width + x] = Math.sin(x * 0.37) * 100 + y * y * 0.5;
  }
  return { width, height, data };
}

describe('resize against PyTorch', () => {
  it('matches bilinear (align_corners=False) growing 28x20 to 64x45', () => {
    const plane = pattern(28, 20);
    const ours = resize(plane, 64, 45).data;
    const torch = torchResize(plane, 64, 45, 'bilinear');
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - torch[i]!));
    expect(worst).toBeLessThan(1e-3); // float32 rounding of values up to ~300
  });
  it('matches area shrinking 96x64 to 24x16 (factor 4)', () => {
    const plane = pattern(96, 64);
    const ours = resize(plane, 24, 16).data;
    const torch = torchResize(plane, 24, 16, 'area');
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - torch[i]!));
    expect(worst).toBeLessThan(1e-3);
  });
});
