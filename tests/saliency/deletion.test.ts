import { beforeAll, describe, expect, it } from 'vitest';
import {
  createNodeSession,
  labelScorer,
  loadModelFromDir,
  readImageSplit,
  type ImageSplit,
  type ModelSession,
} from '../../lib/inference/node';
import { deletionCurve, explain, GradCam, type DeletionCurve } from '../../lib/saliency';
import { pneumoniaMnistPath } from '../support/paths';
import { imageInput, modelDir, readModelJson, type GradCamFixture } from '../inference/support';

const fixture = readModelJson<GradCamFixture>('fixtures/gradcam.json');
let session: ModelSession;
let test: ImageSplit;
const curves: { label: number; curve: DeletionCurve; direct: number }[] = [];

beforeAll(async () => {
  session = await createNodeSession(await loadModelFromDir(modelDir));
  test = await readImageSplit(pneumoniaMnistPath, 'test');
  const method = new GradCam(session.model.head!);
  const score = labelScorer(session, 0);
  for (const item of fixture.items) {
    const input = imageInput(test.images, item.index, 784);
    const out = await session.run(input, 1, method.fetches(session.model.manifest.outputs));
    const region = { left: 0, top: 0, size: 28 };
    const map = explain(method, out, 0, 0, { width: 28, height: 28, region }).source;
    const [direct] = await score(input, 1);
    curves.push({
      label: item.label,
      curve: await deletionCurve(score, input, map.data),
      direct: direct!,
    });
  }
});

describe('deletion (confidence-drop) metric', () => {
  it('starts at the unmodified score and ends at the same all-mean image for both orders', () => {
    for (const { curve, direct } of curves) {
      expect(curve.fractions).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
      expect(Math.abs(curve.saliency[0]! - direct)).toBeLessThanOrEqual(1e-6);
      expect(curve.random[0]).toBe(curve.saliency[0]);
      expect(curve.random.at(-1)).toBe(curve.saliency.at(-1));
    }
  });

  it('scores the same image as deleting the top half by hand', async () => {
    const item = fixture.items[0]!;
    const input = imageInput(test.images, item.index, 784);
    const map = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 784) / 784);
    const curve = await deletionCurve(labelScorer(session, 0), input, map, { fractions: [0, 0.5] });
    const mean = input.reduce((sum, value) => sum + value, 0) / 784;
    const byHand = Float32Array.from(input, (value, i) => (map[i]! >= 392 / 784 ? mean : value));
    const [expected] = await labelScorer(session, 0)(byHand, 1);
    expect(Math.abs(curve.saliency[1]! - expected!)).toBeLessThanOrEqual(1e-6);
  });
});
