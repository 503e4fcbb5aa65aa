import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFromDir } from '../../lib/inference/node';
import { workDir } from '../support/paths';
import { modelDir, readModelJson } from './support';

const scratch = path.join(workDir, 'manifest');

function copyModel(name: string, change: (dir: string) => void): string {
  const dir = path.join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync(modelDir, dir, { recursive: true });
  change(dir);
  return dir;
}

async function loadError(dir: string) {
  return loadModelFromDir(dir).then(
    () => null,
    (error: unknown) => error as { code: string; file: string; message: string },
  );
}

describe('model loading', () => {
  it('loads the shipped model with the head its features and cam-grid outputs need', async () => {
    const model = await loadModelFromDir(modelDir);
    const json = readModelJson<{ sha256: string; outputs: { role: string; shape: unknown[] }[] }>(
      'model.json',
    );
    const digest = createHash('sha256').update(readFileSync(path.join(modelDir, 'model.onnx')));
    expect(model.manifest.sha256).toBe(digest.digest('hex'));
    expect(json.sha256).toBe(model.manifest.sha256);
    const features = json.outputs.find((output) => output.role === 'cam-features')!;
    const head = model.head!;
    expect([head.channels, head.height, head.width]).toEqual(features.shape.slice(1));
    const grid = json.outputs.find((output) => output.role === 'cam-grid')!;
    expect(grid.shape).toEqual(['N', head.labels.length, head.height, head.width]);
    expect(model.manifest.outputs).toEqual({
      logits: 'logits',
      camFeatures: 'features',
      camGrid: 'cam',
    });
    expect(head.weight.length).toBe(model.manifest.labels.length * head.channels);
  });

  it('ships a model.onnx within the browser budget of 5 MB', () => {
    const { size } = statSync(path.join(modelDir, 'model.onnx'));
    expect(size).toBeLessThanOrEqual(5_000_000);
  });

  it('refuses a model file whose sha256 differs from the manifest', async () => {
    const dir = copyModel('tampered', (d) => {
      const file = path.join(d, 'model.onnx');
      const bytes = readFileSync(file);
      bytes[bytes.length - 1]! ^= 1;
      writeFileSync(file, bytes);
    });
    expect(await loadError(dir)).toMatchObject({
      code: 'MODEL_CHECKSUM',
      file: `${dir}/model.onnx`,
    });
  });

  it('names what is wrong with a manifest', async () => {
    const noLogits = copyModel('no-logits', (d) => {
      const file = path.join(d, 'model.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as { outputs: { role: string }[] };
      json.outputs = json.outputs.filter((output) => output.role !== 'logits');
      writeFileSync(file, JSON.stringify(json));
    });
    expect(await loadError(noLogits)).toMatchObject({
      code: 'MODEL_MANIFEST',
      message: 'no output has role "logits"',
    });
    const notJson = copyModel('not-json', (d) => writeFileSync(path.join(d, 'model.json'), '{'));
    expect(await loadError(notJson)).toMatchObject({ code: 'MODEL_MANIFEST' });
    expect(await loadError(path.join(scratch, 'missing'))).toMatchObject({ code: 'MODEL_MISSING' });
  });

  it("reads a label's coded concept, and a label without one", async () => {
    const shipped = await loadModelFromDir(modelDir);
    expect(shipped.manifest.labels[0]!.code).toEqual({
      value: '233604007',
      scheme: 'SCT',
      meaning: 'Pneumonia',
    });
    const label = (code: unknown) =>
      copyModel(`code-${String(code === undefined)}`, (d) => {
        const file = path.join(d, 'model.json');
        const json = JSON.parse(readFileSync(file, 'utf8')) as { labels: { code?: unknown }[] };
        json.labels[0]!.code = code;
        writeFileSync(file, JSON.stringify(json));
      });
    expect((await loadModelFromDir(label(undefined))).manifest.labels[0]!.code).toBeNull();
    expect(await loadError(label({ value: '233604007', scheme: 'SCT' }))).toMatchObject({
      code: 'MODEL_MANIFEST',
    });
  });
});
