/**
 * The model page's facts (lib/inference readModelFacts): every number comes from the model
 * folder's model.json and eval-reference.json, and a folder whose reference is missing or
 * malformed gives an error that names the file instead of a page of blanks.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelFacts } from '../../lib/inference/node';
import { workDir } from '../support/paths';
import { modelDir, readModelJson } from './support';

interface Figures {
  n: number;
  positives: number;
  auc: number;
  ece15: number;
  operatingPoints: Record<string, { accuracy: number; sensitivity: number; specificity: number }>;
}
interface Reference {
  val: Figures;
  test: Figures & { aucCi95: { low: number; high: number } };
  probes: { split: string; results: { name: string; auc: number }[] };
}
interface Manifest {
  id: string;
  version: string;
  sha256: string;
  calibration: { T: number };
  operatingPoints: { name: string; threshold: number; rule: string }[];
  intendedUse: { modalities: string[]; population: string };
}

const reference = readModelJson<Reference>('eval-reference.json');
const manifest = readModelJson<Manifest>('model.json');
const scratch = path.join(workDir, 'model-facts');

function figures(split: Figures) {
  const points = Object.fromEntries(
    Object.entries(split.operatingPoints).map(([name, p]) => [
      name,
      { accuracy: p.accuracy, sensitivity: p.sensitivity, specificity: p.specificity },
    ]),
  );
  return {
    n: split.n,
    positives: split.positives,
    auc: split.auc,
    ece15: split.ece15,
    operatingPoints: points,
  };
}

/** A copy of the shipped folder's JSON files with eval-reference.json replaced. */
function folderWith(name: string, referenceText: string | null): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(modelDir, 'model.json'), path.join(dir, 'model.json'));
  if (referenceText !== null) writeFileSync(path.join(dir, 'eval-reference.json'), referenceText);
  return dir;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the model facts', () => {
  it("are the manifest's and the evaluation reference's numbers", async () => {
    const facts = await readModelFacts(modelDir);
    expect(facts.identity).toEqual({
      id: manifest.id,
      version: manifest.version,
      sha256: manifest.sha256,
    });
    expect(facts.temperature).toBe(manifest.calibration.T);
    expect(facts.operatingPoints).toEqual(
      manifest.operatingPoints.map(({ name, threshold, rule }) => ({ name, threshold, rule })),
    );
    expect(facts.intendedUse.modalities).toEqual(manifest.intendedUse.modalities);
    expect(facts.intendedUse.population).toBe(manifest.intendedUse.population);
    expect(facts.val).toEqual(figures(reference.val));
    expect(facts.test).toEqual({
      ...figures(reference.test),
      aucCi95: { low: reference.test.aucCi95.low, high: reference.test.aucCi95.high },
    });
    expect(facts.probes).toEqual({
      split: 'val',
      asGiven: reference.val.auc,
      results: reference.probes.results.map(({ name, auc }) => ({ name, auc })),
    });
  });

  it('has no probes for a reference written before they existed', async () => {
    const older: Partial<Reference> = { ...reference };
    delete older.probes;
    const facts = await readModelFacts(folderWith('older', JSON.stringify(older)));
    expect(facts.probes).toBeNull();
    expect(facts.test.auc).toBe(reference.test.auc);
  });

  it.each([
    ['missing', null, 'MODEL_MISSING', /cannot read eval-reference\.json \(ENOENT\)/],
    ['not-json', '{"val": ', 'MODEL_MANIFEST', /not JSON/],
    [
      'no-ci',
      JSON.stringify({ ...reference, test: { ...reference.test, aucCi95: undefined } }),
      'MODEL_MANIFEST',
      /"test\.aucCi95" must be an object/,
    ],
    [
      'no-point',
      JSON.stringify({ ...reference, val: { ...reference.val, operatingPoints: {} } }),
      'MODEL_MANIFEST',
      /"val\.operatingPoints\.high-sensitivity" must be an object/,
    ],
  ])('refuses a folder whose reference is %s', async (name, text, code, message) => {
    const dir = folderWith(name, text);
    const error = await readModelFacts(dir).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code, file: path.join(dir, 'eval-reference.json') });
    expect((error as Error).message).toMatch(message);
  });
});
