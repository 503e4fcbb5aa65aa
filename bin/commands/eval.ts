/**
 * `secondlook eval --split val|test [--model DIR] [--data NPZ] [--json]`: evaluates a model
 * folder on a PneumoniaMNIST split with onnxruntime-node and prints the model card's metrics.
 */
import path from 'node:path';
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, reportError, type Command } from '../command';
import { SecondlookError } from '../../lib/errors';
import {
  createNodeSession,
  evaluate,
  loadModelFromDir,
  readImageSplit,
  type EvaluationReport,
} from '../../lib/inference/node';

const repoRoot = path.resolve(__dirname, '..', '..');
const SPLITS = ['train', 'val', 'test'];

function defaultDataPath(): string {
  const shared =
    process.env.SECONDLOOK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
  return path.join(shared, 'cxr', 'pneumoniamnist', 'pneumoniamnist.npz');
}

const fixed = (value: number) => value.toFixed(4);

function describe(report: EvaluationReport): string {
  const { metrics: m, model } = report;
  const lines = [
    `${model.id} ${model.version} (sha256 ${model.sha256.slice(0, 12)}) on ${report.split} via ${report.provider}`,
    `n ${m.n} (${m.positives} positive)  AUC ${fixed(m.auc)} (95% CI ${fixed(m.aucCi95.low)}-${fixed(m.aucCi95.high)}, ${m.aucCi95.resamples} resamples, ${m.aucCi95.rng} seed ${m.aucCi95.seed})`,
    `ECE (15 bins) ${fixed(m.ece15)}  NLL ${fixed(m.nll)}  temperature ${fixed(report.temperature)}`,
  ];
  for (const [name, point] of Object.entries(m.operatingPoints)) {
    lines.push(
      `${name} (p >= ${point.threshold.toFixed(6)}): accuracy ${fixed(point.accuracy)} sensitivity ${fixed(point.sensitivity)} specificity ${fixed(point.specificity)}  TP ${point.tp} FP ${point.fp} TN ${point.tn} FN ${point.fn}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  async run(argv, io) {
    const json = argv.includes('--json');
    try {
      const { values } = parseCommandArgs(argv, {
        split: { type: 'string' },
        model: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean' },
      });
      const split = values.split;
      if (!split || !SPLITS.includes(split)) {
        throw new SecondlookError('USAGE', `--split must be one of ${SPLITS.join(', ')}`);
      }
      const model = await loadModelFromDir(
        values.model ?? path.join(repoRoot, 'models', 'pneumonia-cxr'),
      );
      const data = await readImageSplit(values.data ?? defaultDataPath(), split);
      const session = await createNodeSession(model);
      try {
        const report = await evaluate(session, split, data);
        if (json) {
          const { metrics, ...rest } = report;
          io.stdout(`${JSON.stringify({ ...rest, ...metrics }, null, 2)}\n`);
        } else {
          io.stdout(describe(report));
        }
      } finally {
        await session.release();
      }
      return EXIT_OK;
    } catch (error) {
      reportError(io, error, json);
      return EXIT_BAD_INPUT;
    }
  },
};
