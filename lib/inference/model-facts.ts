/**
 * What a reader or an auditor should know about the model before trusting a flag: its identity,
 * intended use, labels, operating points with their val and test figures, the single test read
 * with its CI, and the occlusion probes. Built from model.json and eval-reference.json (the
 * numbers `secondlook eval` and `secondlook probe` reproduce), never typed in by hand.
 */
import type { IntendedUse, ModelLabel, ModelManifest } from './manifest';
import { array, number, object, string, type Json } from './json-fields';
import type { ModelIdentity } from './score';

interface PointFigures {
  accuracy: number;
  sensitivity: number;
  specificity: number;
}

interface SplitFigures {
  n: number;
  positives: number;
  auc: number;
  ece15: number;
  operatingPoints: Record<string, PointFigures>;
}

export interface ModelFacts {
  identity: ModelIdentity;
  name: string;
  intendedUse: IntendedUse;
  labels: ModelLabel[];
  temperature: number;
  operatingPoints: { name: string; threshold: number; rule: string }[];
  val: SplitFigures;
  test: SplitFigures & { aucCi95: { low: number; high: number } };
  /** Occlusion probes: AUC with a region set to the image's mean (null before 1.2.0's files). */
  probes: { split: string; asGiven: number; results: { name: string; auc: number }[] } | null;
}

function split(root: Json, key: string, points: string[], file: string): SplitFigures {
  const figures = object(root[key], `"${key}"`, file);
  const byPoint = object(figures.operatingPoints, `"${key}.operatingPoints"`, file);
  return {
    n: number(figures, 'n', file),
    positives: number(figures, 'positives', file),
    auc: number(figures, 'auc', file),
    ece15: number(figures, 'ece15', file),
    operatingPoints: Object.fromEntries(
      points.map((name) => {
        const point = object(byPoint[name], `"${key}.operatingPoints.${name}"`, file);
        return [
          name,
          {
            accuracy: number(point, 'accuracy', file),
            sensitivity: number(point, 'sensitivity', file),
            specificity: number(point, 'specificity', file),
          },
        ];
      }),
    ),
  };
}

/** The facts from a parsed manifest and a parsed eval-reference.json; `file` names the latter. */
export function modelFacts(manifest: ModelManifest, reference: unknown, file: string): ModelFacts {
  const root = object(reference, 'the evaluation reference', file);
  const points = manifest.operatingPoints.map((point) => point.name);
  const val = split(root, 'val', points, file);
  const test = split(root, 'test', points, file);
  const ci = object(object(root.test, '"test"', file).aucCi95, '"test.aucCi95"', file);
  const probes = root.probes === undefined ? null : object(root.probes, '"probes"', file);
  const probeSplit = probes && string(probes, 'split', file);
  return {
    identity: { id: manifest.id, version: manifest.version, sha256: manifest.sha256 },
    name: manifest.name,
    intendedUse: manifest.intendedUse,
    labels: manifest.labels,
    temperature: manifest.calibration.temperature,
    operatingPoints: manifest.operatingPoints,
    val,
    test: { ...test, aucCi95: { low: number(ci, 'low', file), high: number(ci, 'high', file) } },
    probes: probes && {
      split: probeSplit!,
      asGiven: probeSplit === 'test' ? test.auc : val.auc,
      results: array(probes, 'results', file).map((item) => {
        const result = object(item, 'a probe result', file);
        return { name: string(result, 'name', file), auc: number(result, 'auc', file) };
      }),
    },
  };
}
