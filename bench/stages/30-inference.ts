/**
 * Stage "inference": images/s of the shipped model on onnxruntime-node at batch 1 and 64, plain
 * inference against inference plus exact Grad-CAM mapped onto the source image and summarised
 * (target <= 1.05x; from the model's cam grid, with the features output as the peer), and
 * onnxruntime-web WASM against WebGPU in Debian Chromium (software WebGPU without a GPU).
 */
import { chromium } from '@playwright/test';
import type { BenchStage } from '../index';
import {
  createNodeSession,
  loadModelFromDir,
  readImageSplit,
  type ModelSession,
} from '../../lib/inference/node';
import { explain, GradCam, type CamFetches } from '../../lib/saliency';
import { pneumoniaMnistPath, repoRoot } from '../../tests/support/paths';
import type { HarnessRun } from '../../tests/e2e/inference-harness/entry';
import { startHarness } from '../../tests/e2e/inference-harness/server';
import path from 'node:path';

const ROUNDS = 7;
const IMAGES_PER_ROUND = 256;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function plain(session: ModelSession, batch: Float32Array, n: number): Promise<void> {
  await session.run(batch, n);
}

/**
 * What the screening worker does per image and label: explain() maps the CAM onto the 28x28
 * source and summarises it, from the outputs `fetches` names.
 */
function withCam(method: GradCam, fetches: CamFetches) {
  const image = { width: 28, height: 28, region: { left: 0, top: 0, size: 28 } };
  return async (session: ModelSession, batch: Float32Array, n: number): Promise<void> => {
    const out = await session.run(batch, n, fetches);
    for (let index = 0; index < n; index++) {
      for (let label = 0; label < session.model.head!.labels.length; label++) {
        explain(method, out, index, label, image);
      }
    }
  };
}

type Pass = (session: ModelSession, batch: Float32Array, n: number) => Promise<void>;

/** Median images/s over rounds; the two passes alternate round by round so load drifts hit both. */
async function compare(session: ModelSession, batch: Float32Array, n: number, passes: Pass[]) {
  const rounds = passes.map(() => [] as number[]);
  for (const pass of passes) await pass(session, batch, n);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, pass] of passes.entries()) {
      const started = performance.now();
      for (let done = 0; done < IMAGES_PER_ROUND; done += n) await pass(session, batch, n);
      rounds[i]!.push(
        (Math.ceil(IMAGES_PER_ROUND / n) * n) / ((performance.now() - started) / 1000),
      );
    }
  }
  return rounds.map(median);
}

async function browserRates(input: number[]): Promise<void> {
  const harness = await startHarness();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(harness.url);
    await page.waitForFunction(() => 'secondlookHarness' in globalThis);
    for (const n of [1, 64]) {
      const rates: Record<string, string> = {};
      const values: Record<string, number> = {};
      for (const provider of ['wasm', 'webgpu']) {
        const result = await page
          .evaluate(
            ([provider, input, n]) =>
              (
                globalThis as unknown as {
                  secondlookHarness: {
                    run(p: string[], i: number[], n: number, o: object): Promise<HarnessRun>;
                  };
                }
              ).secondlookHarness.run([provider], input, n, {
                repeats: n === 1 ? 15 : 3,
                warmUpMs: 3000,
              }),
            [provider, input.slice(0, n * 784), n] as const,
          )
          .then((run) => ({ run, error: null }))
          .catch((error: Error) => ({ run: null, error: error.message.split('\n')[0]! }));
        if (result.run) {
          values[provider] = n / (median(result.run.ms) / 1000);
          const detail = result.run.provider.detail ? ` on ${result.run.provider.detail}` : '';
          rates[provider] = `${values[provider]!.toFixed(1)} images/s${detail}`;
        } else {
          rates[provider] = `failed: ${result.error.slice(0, 160)}`;
        }
      }
      const ratio =
        values.wasm && values.webgpu
          ? `  webgpu/wasm ${(values.webgpu / values.wasm).toFixed(2)}x`
          : '';
      console.log(`chromium batch ${n}: wasm ${rates.wasm}; webgpu ${rates.webgpu}${ratio}`);
    }
  } finally {
    await browser.close();
    await harness.close();
  }
}

export const stage: BenchStage = {
  name: 'inference',
  async run() {
    const model = await loadModelFromDir(path.join(repoRoot, 'models', 'pneumonia-cxr'));
    const val = await readImageSplit(pneumoniaMnistPath, 'val');
    const input = Array.from(val.images.subarray(0, 64 * 784), (value) => value / 255);
    const session = await createNodeSession(model);
    const method = new GradCam(model.head!);
    const fromGrid = withCam(method, method.fetches(model.manifest.outputs));
    const fromFeatures = withCam(method, { features: true });
    console.log(
      `model ${model.manifest.id} ${model.manifest.version}, onnxruntime-node cpu, ${IMAGES_PER_ROUND} images x ${ROUNDS} rounds (median)`,
    );
    for (const n of [1, 64]) {
      const batch = Float32Array.from(input.slice(0, n * 784));
      const [plainRate, camRate, featuresRate] = await compare(session, batch, n, [
        plain,
        fromGrid,
        fromFeatures,
      ]);
      const ratio = plainRate! / camRate!;
      console.log(
        `node batch ${n}: ${plainRate!.toFixed(1)} images/s plain, ${camRate!.toFixed(1)} images/s with Grad-CAM; cost ratio ${ratio.toFixed(3)}x (target <= 1.05x: ${ratio <= 1.05 ? 'met' : 'MISSED'}); peer: Grad-CAM from the features output ${featuresRate!.toFixed(1)} images/s, ${(plainRate! / featuresRate!).toFixed(3)}x`,
      );
    }
    await session.release();
    await browserRates(input);
  },
};
