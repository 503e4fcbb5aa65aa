import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import {
  ScreeningQueue,
  type ScreeningBackend,
  type ScreeningFailure,
  type ScreeningOutcome,
} from '../../lib/screening/node';
import { sharedDicomDir } from '../support/paths';
import { modelDir } from '../inference/support';

// Real files standing in for stored instances; the backend is an in-memory map (the store's own
// tests cover recordInference and recordScreeningFailure).
const files: Record<number, string> = {
  1: path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033', 'CR1', '6154'),
  2: path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm'),
  3: path.join(sharedDicomDir, 'pydicom-data', 'JPEG-LL.dcm'),
};

const identity = { id: 'pneumonia-cxr', version: 'test', sha256: 'c'.repeat(64) };

function memoryBackend() {
  const recorded: ScreeningOutcome[] = [];
  const failures: ScreeningFailure[] = [];
  const backend: ScreeningBackend = {
    async readInstance(id) {
      const file = files[id];
      if (!file) throw new Error(`no instance ${id}`);
      return { bytes: new Uint8Array(readFileSync(file)), sha256: `${id}`.padStart(64, '0') };
    },
    async record(outcome) {
      recorded.push(outcome);
    },
    async recordFailure(failure) {
      failures.push(failure);
    },
  };
  return { backend, recorded, failures };
}

function makeQueue() {
  const { backend, recorded, failures } = memoryBackend();
  const errors: { seriesId: number; code: string }[] = [];
  const queue = new ScreeningQueue(
    identity,
    async () => createNodeSession(await loadModelFromDir(modelDir)),
    backend,
    { onError: (seriesId, error) => errors.push({ seriesId, code: error.code }) },
  );
  return { queue, recorded, failures, errors };
}

const { queue, recorded, failures, errors } = makeQueue();
afterAll(() => queue.close());

describe('screening queue', () => {
  it('returns at once, screens the first eligible instance, records out-of-scope series and the failure of a bad one', async () => {
    let ranBeforeWork = false;
    expect(queue.enqueue({ seriesId: 10, instanceIds: [1, 2] })).toBe(true);
    expect(queue.enqueue({ seriesId: 10, instanceIds: [1, 2] })).toBe(false);
    expect(queue.enqueue({ seriesId: 11, instanceIds: [99] })).toBe(true);
    expect(queue.enqueue({ seriesId: 12, instanceIds: [3] })).toBe(true);
    expect(queue.pending).toBe(3);
    setImmediate(() => {
      ranBeforeWork = recorded.length === 0;
    });
    await queue.whenIdle();
    expect(ranBeforeWork).toBe(true);
    expect(queue.pending).toBe(0);

    const bySeries = new Map(recorded.map((outcome) => [outcome.seriesId, outcome]));
    const chest = bySeries.get(10)!;
    expect(chest.instanceId).toBe(2);
    expect(chest.frame).toBe(1);
    expect(chest.model.id).toBe('pneumonia-cxr');
    expect(chest.provider.name).toBe('cpu');
    expect(Object.keys(chest.result!.probabilities!)).toEqual(['pneumonia']);
    expect(chest.result!.cam).toMatchObject({ width: 440, height: 440 });
    expect(chest.outOfScope).toEqual([]);

    const nuclear = bySeries.get(12)!;
    expect(nuclear.result).toBeNull();
    expect(nuclear.instanceId).toBe(3);
    expect(nuclear.outOfScope.map((reason) => reason.code)).toContain('MODALITY');

    expect(bySeries.has(11)).toBe(false);
    expect(failures).toHaveLength(1);
    // Recorded against the model that ran (its manifest), not the identity the queue was made for.
    expect(failures[0]).toMatchObject({
      seriesId: 11,
      model: chest.model,
      error: { code: 'INTERNAL', message: 'no instance 99' },
    });
    expect(chest.model).not.toEqual(identity);
    expect(errors).toEqual([{ seriesId: 11, code: 'INTERNAL' }]);
  });

  it('records MODEL_SESSION for every series while the model cannot start, trying to start it once per drain', async () => {
    const { backend, recorded, failures } = memoryBackend();
    const model = await loadModelFromDir(modelDir);
    let opened = 0;
    const broken = new ScreeningQueue(
      identity,
      () => {
        opened += 1;
        // A real onnxruntime failure: the bytes are not an ONNX graph.
        return createNodeSession({ ...model, onnx: new Uint8Array(256).fill(7) });
      },
      backend,
    );
    broken.enqueue({ seriesId: 20, instanceIds: [2] });
    broken.enqueue({ seriesId: 21, instanceIds: [2] });
    await broken.whenIdle();
    expect(opened).toBe(1);
    broken.enqueue({ seriesId: 20, instanceIds: [2] });
    await broken.close();
    expect(opened).toBe(2);
    expect(recorded).toEqual([]);
    expect(
      failures.map((failure) => [failure.seriesId, failure.error.code, failure.model]),
    ).toEqual([
      [20, 'MODEL_SESSION', identity],
      [21, 'MODEL_SESSION', identity],
      [20, 'MODEL_SESSION', identity],
    ]);
    expect(failures[0]!.error.message).toMatch(/^the model session could not start: /);
  });
});
