import { beforeAll, describe, expect, it } from 'vitest';
import {
  createNodeSession,
  createWebSession,
  loadModelFromDir,
  readImageSplit,
  type ImageSplit,
  type LoadedModel,
} from '../../lib/inference/node';
import { pneumoniaMnistPath } from '../support/paths';
import {
  imageInput,
  maxAbsDifference,
  modelDir,
  readModelJson,
  type LogitsFixture,
} from './support';

const fixture = readModelJson<LogitsFixture>('fixtures/logits.json');
let model: LoadedModel;
let val: ImageSplit;

function batchOf(indices: number[]): Float32Array {
  const size = val.height * val.width;
  const batch = new Float32Array(indices.length * size);
  indices.forEach((index, i) => batch.set(imageInput(val.images, index, size), i * size));
  return batch;
}

beforeAll(async () => {
  model = await loadModelFromDir(modelDir);
  val = await readImageSplit(pneumoniaMnistPath, 'val');
});

describe('runtime parity', () => {
  it('onnxruntime-node matches the PyTorch logits (<= 1e-4)', async () => {
    expect(fixture.items.length).toBeGreaterThanOrEqual(16);
    const session = await createNodeSession(model);
    const indices = fixture.items.map((item) => item.index);
    const out = await session.run(batchOf(indices), indices.length);
    const expected = fixture.items.flatMap((item) => item.logits);
    expect(maxAbsDifference(out.logits, expected)).toBeLessThanOrEqual(1e-4);
    fixture.items.forEach((item) => expect(val.labels[item.index]).toBe(item.label));
    await session.release();
  });

  it('onnxruntime-web (wasm, in Node) matches onnxruntime-node (<= 1e-5)', async () => {
    const indices = Array.from({ length: 64 }, (_, i) => i * 8);
    const batch = batchOf(indices);
    const node = await createNodeSession(model);
    const web = await createWebSession(model, { providers: ['wasm'] });
    expect(web.provider).toMatchObject({ runtime: 'onnxruntime-web', name: 'wasm', fallbacks: [] });
    const a = await node.run(batch, indices.length, { features: true, camGrid: true });
    const b = await web.run(batch, indices.length, { features: true, camGrid: true });
    expect(maxAbsDifference(a.logits, b.logits)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDifference(a.features!, b.features!)).toBeLessThanOrEqual(1e-5);
    expect(a.camGrid!.length).toBe(indices.length * 49);
    // On the logit's scale: a cell's share of the logit is its grid value / (h*w).
    expect(maxAbsDifference(a.camGrid!, b.camGrid!) / 49).toBeLessThanOrEqual(1e-5);
    await Promise.all([node.release(), web.release()]);
  });

  it('names the fallback when webgpu cannot run (Node has no navigator.gpu)', async () => {
    const web = await createWebSession(model, { providers: ['webgpu', 'wasm'] });
    expect(web.provider.name).toBe('wasm');
    expect(web.provider.fallbacks).toEqual([
      { provider: 'webgpu', reason: expect.stringContaining('navigator.gpu') },
    ]);
    await web.release();
  });
});
