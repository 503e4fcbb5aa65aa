/**
 * Runtime parity in a real browser: the shipped model on onnxruntime-web's `webgpu` provider in
 * Debian Chromium (`--enable-unsafe-webgpu`; SwiftShader when there is no GPU) against `wasm` in
 * the same page and against the PyTorch logits. The harness is served from this spec.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readImageSplit } from '../../lib/inference/node';
import { pneumoniaMnistPath, repoRoot } from '../support/paths';
import type { HarnessRun } from './inference-harness/entry';
import { startHarness, type Harness } from './inference-harness/server';

interface LogitsFixture {
  items: { index: number; logits: number[] }[];
}

const fixture = JSON.parse(
  readFileSync(path.join(repoRoot, 'models', 'pneumonia-cxr', 'fixtures', 'logits.json'), 'utf8'),
) as LogitsFixture;
const items = fixture.items.slice(0, 4);
let harness: Harness;
let input: number[];

function maxAbs(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((max, value, i) => Math.max(max, Math.abs(value - b[i]!)), 0);
}

function run(page: Page, providers: string[], features: boolean): Promise<HarnessRun> {
  return page.evaluate(
    ([providers, input, n, features]) =>
      (
        globalThis as unknown as {
          secondlookHarness: {
            run(p: string[], i: number[], n: number, o: object): Promise<HarnessRun>;
          };
        }
      ).secondlookHarness.run(providers, input, n, { features, camGrid: features }),
    [providers, input, items.length, features] as const,
  );
}

test.beforeAll(async () => {
  harness = await startHarness();
  const val = await readImageSplit(pneumoniaMnistPath, 'val');
  input = items.flatMap((item) =>
    Array.from(val.images.subarray(item.index * 784, (item.index + 1) * 784), (v) => v / 255),
  );
});

test.afterAll(async () => {
  await harness.close();
});

test('webgpu really runs the model and matches wasm to 1e-4 (logits, features, cam grid)', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(harness.url);
  await page.waitForFunction(() => 'secondlookHarness' in globalThis);
  const wasm = await run(page, ['wasm'], true);
  expect(wasm.provider).toMatchObject({ runtime: 'onnxruntime-web', name: 'wasm', fallbacks: [] });
  expect(
    maxAbs(
      wasm.logits,
      items.flatMap((item) => item.logits),
    ),
  ).toBeLessThanOrEqual(1e-4);

  const gpu = await run(page, ['webgpu', 'wasm'], true);
  expect(gpu.provider.fallbacks).toEqual([]);
  expect(gpu.provider.name).toBe('webgpu');
  expect(gpu.provider.detail).toBeTruthy();
  console.log(`webgpu adapter: ${gpu.provider.detail}`);
  expect(maxAbs(gpu.logits, wasm.logits)).toBeLessThanOrEqual(1e-4);
  expect(maxAbs(gpu.features!, wasm.features!)).toBeLessThanOrEqual(1e-4);
  expect(wasm.camGrid!.length).toBe(items.length * 49);
  expect(maxAbs(gpu.camGrid!, wasm.camGrid!)).toBeLessThanOrEqual(1e-4);
});

test('falls back to wasm and says why when the page has no WebGPU', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
  });
  await page.goto(harness.url);
  await page.waitForFunction(() => 'secondlookHarness' in globalThis);
  const fallback = await run(page, ['webgpu', 'wasm'], false);
  expect(fallback.provider.name).toBe('wasm');
  expect(fallback.provider.fallbacks).toEqual([
    { provider: 'webgpu', reason: expect.stringContaining('navigator.gpu') },
  ]);
  expect(
    maxAbs(
      fallback.logits,
      items.flatMap((item) => item.logits),
    ),
  ).toBeLessThanOrEqual(1e-4);
});
