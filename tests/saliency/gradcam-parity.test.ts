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

  it('matches every fixture to <= 1e-4 (raw and normalised)', async () => {
    const size = test.height * test.width;
    const batch = new Float32Array(fixture.items.length * size);
    fixture.items.forEach((item, i) =>
      batch.set(imageInput(test.images, item.index, size), i * size),
    );
    const out = await session.run(batch, fixture.items.length, { features: true });
    const method = new GradCam(model.head!);
    let worst = 0;
    fixture.items.forEach((item, index) => {
      expect(test.labels[item.index]).toBe(item.label);
      expect(
        maxAbsDifference(out.logits.subarray(index, index + 1), item.logits),
      ).toBeLessThanOrEqual(1e-4);
      for (const expected of item.gradcam) {
        const map = method.compute({ features: out.features!, index, label: expected.label });
        expect([map.height, map.width]).toEqual([expected.cam.length, expected.cam[0]!.length]);
        expect(maxAbsDifference(map.data, expected.cam.flat())).toBeLessThanOrEqual(1e-4);
        normaliseByMax(map);
        worst = Math.max(worst, maxAbsDifference(map.data, expected.camNormalised.flat()));
      }
    });
    expect(worst).toBeLessThanOrEqual(1e-4);
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
