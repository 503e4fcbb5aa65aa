import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import { capture } from '../support/cli';
import { modelDir, readModelJson } from './support';

interface Reference {
  model: { id: string; version: string; sha256: string };
  temperature: number;
  val: Record<string, unknown>;
  test: Record<string, unknown> & { auc: number; aucCi95: { low: number; high: number } };
}

const reference = readModelJson<Reference>('eval-reference.json');

async function evalJson(split: string): Promise<Record<string, unknown>> {
  const io = capture();
  expect(await main(['eval', '--split', split, '--json'], io), io.err.join('')).toBe(0);
  return JSON.parse(io.out.join('')) as Record<string, unknown>;
}

// ECE and NLL are continuous in the logits, which onnxruntime computes in float32 in another
// order than PyTorch did for the reference (differences near 1e-7 in the logits).
const CONTINUOUS = new Set(['ece15', 'nll']);

describe('secondlook eval reproduces the model card', () => {
  for (const split of ['val', 'test'] as const) {
    it(`matches eval-reference.json on ${split}`, async () => {
      const report = await evalJson(split);
      expect(report.model).toEqual(reference.model);
      expect(report.provider).toBe('onnxruntime-node/cpu');
      expect(report.temperature).toBe(reference.temperature);
      for (const [key, expected] of Object.entries(reference[split])) {
        if (CONTINUOUS.has(key)) expect(report[key], key).toBeCloseTo(expected as number, 6);
        else expect(report[key], key).toEqual(expected);
      }
    });
  }

  it('prints the numbers the card prints', async () => {
    const card = readFileSync(path.join(modelDir, 'MODEL_CARD.md'), 'utf8');
    const io = capture();
    expect(await main(['eval', '--split', 'test'], io)).toBe(0);
    const text = io.out.join('');
    const test = reference.test;
    const ci = `${test.aucCi95.low.toFixed(4)}-${test.aucCi95.high.toFixed(4)}`;
    expect(card).toContain(`Test AUC 95% CI: ${ci}`);
    expect(text).toContain(`AUC ${test.auc.toFixed(4)} (95% CI ${ci}`);
    const lines = card.split('\n');
    const cells = (line: string) => line.split('|').map((cell) => cell.trim());
    const header = cells(lines.find((line) => line.startsWith('| split |'))!);
    const row = cells(lines.find((line) => line.startsWith('| test |'))!);
    const [auc, ece, nll] = ['AUC', 'ECE (15 bins)', 'NLL'].map(
      (name) => row[header.indexOf(name)],
    );
    expect(text).toContain(`AUC ${auc}`);
    expect(text).toContain(`ECE (15 bins) ${ece}  NLL ${nll}`);
  });

  it('rejects an unknown split with a usage error', async () => {
    const io = capture();
    expect(await main(['eval', '--split', 'holdout', '--json'], io)).toBe(2);
    expect(JSON.parse(io.out.join('')).error.code).toBe('USAGE');
  });
});
