/**
 * Occlusion probes (`secondlook probe`): the model card's confounder probe recomputed on the
 * shipped model.onnx with onnxruntime-node. The occluded images are checked pixel for pixel
 * against models/train/probes.py (numpy), the AUCs against the PyTorch numbers in
 * eval-reference.json and the card, and the changed calls against the session's own scores.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import {
  boxProbe,
  calibratedProbability,
  CARD_PROBES,
  createNodeSession,
  frameProbe,
  loadModelFromDir,
  occlude,
  readImageSplit,
  scoreImages,
  type ImageSplit,
  type ModelSession,
  type Probe,
  type ProbeReport,
} from '../../lib/inference/node';
import { capture } from '../support/cli';
import { pneumoniaMnistPath } from '../support/paths';
import { modelDir, readModelJson, trainingPython } from './support';

interface Reference {
  model: { id: string; version: string; sha256: string };
  val: { auc: number };
  probes: { split: string; results: (Probe & { auc: number })[] };
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const reference = readModelJson<Reference>('eval-reference.json');
const card = readFileSync(path.join(modelDir, 'MODEL_CARD.md'), 'utf8');

/** Three images whose means are exactly 0.5, 2.5 and 3.5: half to even gives 0, 2 and 4. */
function tiedImages(): Uint8Array {
  const out = new Uint8Array(3 * PIXELS);
  [
    [0, 1],
    [2, 3],
    [3, 4],
  ].forEach(([low, high], n) => {
    for (let i = 0; i < PIXELS; i++) out[n * PIXELS + i] = i % 2 ? high! : low!;
  });
  return out;
}

async function probeJson(args: string[]): Promise<ProbeReport> {
  const io = capture();
  expect(await main(['probe', ...args, '--json'], io), io.text()).toBe(0);
  return JSON.parse(io.text()) as ProbeReport;
}

let session: ModelSession;
let val: ImageSplit;

beforeAll(async () => {
  session = await createNodeSession(await loadModelFromDir(modelDir), { threads: 2 });
  val = await readImageSplit(pneumoniaMnistPath, 'val');
}, 60_000);

describe('occlusion probes', () => {
  it('set every pixel of the region to the image mean exactly as models/train/probes.py does', () => {
    const probes = [...CARD_PROBES, boxProbe('0-27:0-13', SIDE), frameProbe('1', SIDE)];
    const images = new Uint8Array([...val.images, ...tiedImages()]);
    const data = { count: val.count + 3, images, labels: new Uint8Array(val.count + 3) };
    const code = `
import json, sys, torch, probes
regions, images = json.load(sys.stdin)
x = torch.tensor(images, dtype=torch.float32).view(-1, 1, 28, 28) / 255
out = [torch.round(probes.occlude(x, r) * 255).to(torch.int64).view(-1).tolist() for r in regions]
print(json.dumps({"names": [p["name"] for p in probes.PROBES], "occluded": out}))`;
    const python = trainingPython<{ names: string[]; occluded: number[][] }>(
      code,
      [],
      JSON.stringify([probes.map((probe) => probe.region), Array.from(images)]),
    );
    expect(python.names).toEqual(CARD_PROBES.map((probe) => probe.name));
    probes.forEach((probe, p) => {
      const occluded = occlude(data, SIDE, probe.region);
      const differing = python.occluded[p]!.filter((v, i) => v !== occluded[i]).length;
      expect(differing, probe.name).toBe(0);
    });
    const lungs = occlude(data, SIDE, CARD_PROBES[2]!.region);
    const tied = lungs.subarray(val.count * PIXELS);
    expect([
      tied[6 * SIDE + 4],
      tied[PIXELS + 6 * SIDE + 4],
      tied[2 * PIXELS + 21 * SIDE + 23],
    ]).toEqual([0, 2, 4]);
    expect(tied[5 * SIDE + 4]).toBe(0);
    expect(tied[PIXELS + 6 * SIDE + 3]).toBe(3);
  });

  it("reproduce the card's PyTorch numbers on the shipped model.onnx", async () => {
    const report = await probeJson([]);
    expect(report.model).toEqual(reference.model);
    expect(report.split).toBe(reference.probes.split);
    expect(report.asGiven.toFixed(4)).toBe(reference.val.auc.toFixed(4));
    expect(report.probes.map(({ name, region }) => ({ name, region }))).toEqual(
      reference.probes.results.map(({ name, region }) => ({ name, region })),
    );
    report.probes.forEach((probe, p) => {
      const stated = reference.probes.results[p]!.auc.toFixed(4);
      expect(probe.auc.toFixed(4), probe.name).toBe(stated);
      expect(probe.delta).toBeCloseTo(probe.auc - report.asGiven, 12);
      expect(card).toContain(stated);
    });
    expect(card).toContain(`val AUC is ${report.asGiven.toFixed(4)} as given`);
    expect(report.probes[1]!.auc).toBeLessThan(report.asGiven - 0.02);
  }, 120_000);

  it('count the calls that flip at each operating point', async () => {
    const report = await probeJson(['--frame', '4']);
    const { temperature } = session.model.manifest.calibration;
    const given = await scoreImages(session, val);
    const hidden = await scoreImages(session, {
      ...val,
      images: occlude(val, SIDE, { kind: 'frame', width: 4 }),
    });
    const counts = Object.fromEntries(
      session.model.manifest.operatingPoints.map((point) => {
        const call = (logit: number) =>
          calibratedProbability(logit, temperature) >= point.threshold;
        return [point.name, given.filter((logit, i) => call(logit) !== call(hidden[i]!)).length];
      }),
    );
    expect(report.probes).toHaveLength(1);
    expect(report.probes[0]!.name).toBe('frame 4 px');
    expect(report.probes[0]!.changedCalls).toEqual(counts);
    expect(counts.balanced).toBeGreaterThan(0);
  }, 120_000);

  it('print one line per region in text mode', async () => {
    const io = capture();
    expect(await main(['probe', '--box', '6-21:4-23', '--frame', '2'], io)).toBe(0);
    const lines = io.text().trim().split('\n');
    expect(lines[1]).toContain(`AUC ${reference.val.auc.toFixed(4)} as given`);
    expect(lines[2]).toMatch(/^frame 2 px +AUC 0\.9923 \(-0\.00\d\d\)  calls changed: /);
    expect(lines[3]).toMatch(/^box rows 6-21, cols 4-23 +AUC 0\.9101 /);
  }, 120_000);

  it.each([
    [['--box', '6-30:4-23'], 'USAGE', /0-27/],
    [['--box', '21-6:4-23'], 'USAGE', /FIRST-LAST/],
    [['--box', '6-21'], 'USAGE', /ROWS:COLS/],
    [['--frame', '14'], 'USAGE', /1 to 13/],
    [['--frame', '0'], 'USAGE', /1 to 13/],
    [['--split', 'holdout'], 'USAGE', /--split/],
    [['--data', '/nonexistent/pneumoniamnist.npz'], 'READ_FAILED', /ENOENT/],
  ])('reject %j with a clear error', async (args, code, message) => {
    const io = capture();
    expect(await main(['probe', ...args, '--json'], io)).toBe(2);
    const { error } = JSON.parse(io.text()) as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});
