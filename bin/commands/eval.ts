/**
 * `secondlook eval --split val|test [--model DIR] [--data NPZ] [--json]`: evaluates a model
 * folder on a PneumoniaMNIST split with onnxruntime-node and prints the model card's metrics.
 */
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, reportError, type Command } from '../command';
import { fixed4 as fixed, reportHeading, splitOptions, withLabelledSplit } from '../labelled-split';
import { evaluate, type EvaluationReport } from '../../lib/inference/node';

function describe(report: EvaluationReport): string {
  const { metrics: m } = report;
  const lines = [
    reportHeading(report),
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
      const { values } = parseCommandArgs(argv, splitOptions);
      const report = await withLabelledSplit(values, (session, split, data) =>
        evaluate(session, split, data),
      );
      if (json) {
        const { metrics, ...rest } = report;
        io.stdout(`${JSON.stringify({ ...rest, ...metrics }, null, 2)}\n`);
      } else {
        io.stdout(describe(report));
      }
      return EXIT_OK;
    } catch (error) {
      reportError(io, error, json);
      return EXIT_BAD_INPUT;
    }
  },
};
