import { beforeAll, describe, expect, it } from 'vitest';
import {
  createNodeSession,
  loadModelFromDir,
  readImageSplit,
  type ImageSplit,
  type LoadedModel,
  type ModelSession,
} from '../../lib/inference/node';
import { GradCam, normaliseByMax } from '../../lib/saliency';
import { pneumoniaMnistPath } from '../support/paths';
import {
  imageInput,
  maxAbsDifference,
  modelDir,
  readModelJson,
  type GradCamFixture,
} from '../inference/support';

const fixture = readModelJson<GradCamFixture>('fixtures/gradcam.json');
let model: LoadedModel;
let session: ModelSession;
let test: ImageSplit;

beforeAll(async () => {
  model = await loadModelFromDir(modelDir);
  session = await createNodeSession(model);
  test = await readImageSplit(pneumoniaMnistPath, 'test');
});

describe('Grad-CAM from features and head matches PyTorch autograd', () => {
  it('has fixtures for at least 8 test images', () => {
    expect(fixture.items.filter((item) => item.split === 'test').length).toBeGreaterThanOrEqual(8);
  });

  function fixtureBatch(): Float32Array {
    const size = test.height * test.width;
    const batch = new Float32Array(fixture.items.length * size);
    fixture.items.forEach((item, i) =>
      batch.set(imageInput(test.images, item.index, size), i * size),
    );
    return batch;
  }

  it.each([
    ['the features and the head', { features: true, camGrid: false }],
    ["the model's cam grid", { features: false, camGrid: true }],
  ])('matches every fixture to <= 1e-4 (raw and normalised) from %s', async (_, fetches) => {
    const out = await session.run(fixtureBatch(), fixture.items.length, fetches);
    expect(out.features === null).toBe(!fetches.features);
    expect(out.camGrid === null).toBe(!fetches.camGrid);
    const method = new GradCam(model.head!);
    let worst = 0;
    fixture.items.forEach((item, index) => {
      expect(test.labels[item.index]).toBe(item.label);
      expect(
        maxAbsDifference(out.logits.subarray(index, index + 1), item.logits),
      ).toBeLessThanOrEqual(1e-4);
      for (const expected of item.gradcam) {
        const map = method.compute({ ...out, index, label: expected.label });
        expect([map.height, map.width]).toEqual([expected.cam.length, expected.cam[0]!.length]);
        expect(maxAbsDifference(map.data, expected.cam.flat())).toBeLessThanOrEqual(1e-4);
        normaliseByMax(map);
        worst = Math.max(worst, maxAbsDifference(map.data, expected.camNormalised.flat()));
      }
    });
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('asks for the cam grid, not the features, and refuses a run that fetched neither', async () => {
    const method = new GradCam(model.head!);
    expect(method.fetches(model.manifest.outputs)).toEqual({ camGrid: true });
    expect(method.fetches({ camGrid: null })).toEqual({ features: true });
    const out = await session.run(fixtureBatch(), fixture.items.length);
    expect(() => method.compute({ ...out, index: 0, label: 0 })).toThrow(
      expect.objectContaining({ code: 'CAM_TARGET' }),
    );
    const grid = await session.run(fixtureBatch(), fixture.items.length, { camGrid: true });
    expect(() => method.compute({ ...grid, index: fixture.items.length, label: 0 })).toThrow(
      expect.objectContaining({ code: 'CAM_TARGET' }),
    );
  });

  it("has the cam grid's mean plus the bias equal to the logit for every fixture image", async () => {
    const out = await session.run(fixtureBatch(), fixture.items.length, { camGrid: true });
    const head = model.head!;
    const plane = head.height * head.width;
    expect(out.camGrid!.length).toBe(fixture.items.length * head.labels.length * plane);
    fixture.items.forEach((_, index) => {
      let mean = 0;
      for (let i = 0; i < plane; i++) mean += out.camGrid![index * plane + i]!;
      expect(Math.abs(mean / plane + head.bias[0]! - out.logits[index]!)).toBeLessThanOrEqual(1e-4);
    });
  });

  it('equals the logit when summed: mean_hw of the un-ReLU-ed map plus the bias', async () => {
    const size = test.height * test.width;
    const out = await session.run(imageInput(test.images, 3, size), 1, { features: true });
    const head = model.head!;
    const plane = head.height * head.width;
    let logit = head.bias[0]!;
    for (let c = 0; c < head.channels; c++) {
      let mean = 0;
      for (let i = 0; i < plane; i++) mean += out.features![c * plane + i]!;
      logit += (head.weight[c]! * mean) / plane;
    }
    expect(Math.abs(logit - out.logits[0]!)).toBeLessThanOrEqual(1e-4);
  });
});

describe('the weighted channel sum for any channel count', () => {
  it('matches a plain double loop for 1 to 9 channels (the four-channel passes and the rest)', () => {
    const [height, width] = [3, 5];
    const plane = height * width;
    for (let channels = 1; channels <= 9; channels++) {
      const weight = Float64Array.from({ length: 2 * channels }, (_, i) => Math.sin(i + 1));
      const head = {
        labels: ['a', 'b'],
        weight,
        bias: new Float64Array(2),
        channels,
        height,
        width,
      };
      const features = Float32Array.from({ length: 2 * channels * plane }, (_, i) => Math.cos(i));
      const method = new GradCam(head);
      for (const [index, label] of [
        [0, 0],
        [1, 1],
      ] as const) {
        const expected = new Float64Array(plane);
        for (let c = 0; c < channels; c++) {
          const w = weight[label * channels + c]! / plane;
          for (let i = 0; i < plane; i++)
            expected[i]! += w * features[(index * channels + c) * plane + i]!;
        }
        const map = method.compute({ features, index, label });
        expect(
          maxAbsDifference(
            map.data,
            Array.from(expected, (v) => Math.max(0, v)),
          ),
        ).toBeLessThan(1e-6);
      }
    }
  });
});
