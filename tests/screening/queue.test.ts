import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { ScreeningQueue, type ScreeningOutcome } from '../../lib/screening/node';
import { sharedDicomDir } from '../support/paths';
import { modelDir } from './support';

// Real files standing in for stored instances; the backend is an in-memory map (the store's own
// tests cover recordInference).
const files: Record<number, string> = {
  1: path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033', 'CR1', '6154'),
  2: path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm'),
  3: path.join(sharedDicomDir, 'pydicom-data', 'JPEG-LL.dcm'),
};

function makeQueue() {
  const recorded: ScreeningOutcome[] = [];
  const errors: { seriesId: number; code: string }[] = [];
  const queue = new ScreeningQueue(
    async () => createNodeSession(await loadModelFromDir(modelDir)),
    {
      async readInstance(id) {
        const file = files[id];
        if (!file) throw new Error(`no instance ${id}`);
        return { bytes: new Uint8Array(readFileSync(file)), sha256: `${id}`.padStart(64, '0') };
      },
      async record(outcome) {
        recorded.push(outcome);
      },
    },
    { onError: (seriesId, error) => errors.push({ seriesId, code: error.code }) },
  );
  return { queue, recorded, errors };
}

const { queue, recorded, errors } = makeQueue();
afterAll(() => queue.close());

describe('screening queue', () => {
  it('returns at once, screens the first eligible instance, records out-of-scope series and survives a bad one', async () => {
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
    expect(errors).toEqual([{ seriesId: 11, code: 'INTERNAL' }]);
  });
});
