/** Shared helpers for the inference and saliency tests: the shipped model, its fixtures, the CLI. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/paths';

export const modelDir = path.join(repoRoot, 'models', 'pneumonia-cxr');

export function readModelJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(modelDir, name), 'utf8')) as T;
}

export interface LogitsFixture {
  items: { split: string; index: number; label: number; logits: number[] }[];
}

export interface GradCamFixture {
  items: {
    split: string;
    index: number;
    label: number;
    logits: number[];
    gradcam: { label: number; cam: number[][]; camNormalised: number[][] }[];
  }[];
}

/** Image `index` of an [N, H, W] uint8 split as a [0, 1] float32 model input. */
export function imageInput(images: Uint8Array, index: number, size: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = images[index * size + i]! / 255;
  return out;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Runs `code` in Debian's Python with models/train importable and parses the JSON it prints. */
export function trainingPython<T>(code: string, args: string[] = [], input?: string): T {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', code, ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: path.join(repoRoot, 'models', 'train') },
      maxBuffer: 64 * 1024 * 1024,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    }),
  ) as T;
}
