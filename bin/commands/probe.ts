/**
 * `secondlook probe [--split val|test] [--model DIR] [--data NPZ] [--frame W ...] [--box ROWS:COLS ...] [--json]`:
 * occlusion probes for auditors. Scores a PneumoniaMNIST split (val by default) as given and with
 * each region set to the image's mean (the model card's three probes unless --frame or --box
 * name others), and prints the AUC, its change, and how many calls flip at each operating point.
 */
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, reportError, type Command } from '../command';
import { fixed4 as fixed, reportHeading, splitOptions, withLabelledSplit } from '../labelled-split';
import {
  boxProbe,
  CARD_PROBES,
  frameProbe,
  runProbes,
  type ProbeReport,
} from '../../lib/inference/node';

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;

function describe(report: ProbeReport): string {
  const lines = [
    reportHeading(report),
    `n ${report.n}  AUC ${fixed(report.asGiven)} as given; each region below set to the image's mean`,
  ];
  const width = Math.max(...report.probes.map((probe) => probe.name.length));
  for (const probe of report.probes) {
    const changed = Object.entries(probe.changedCalls)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    lines.push(
      `${probe.name.padEnd(width)}  AUC ${fixed(probe.auc)} (${signed(probe.delta)})  calls changed: ${changed}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  async run(argv, io) {
    const json = argv.includes('--json');
    try {
      const { values } = parseCommandArgs(argv, {
        ...splitOptions,
        frame: { type: 'string', multiple: true },
        box: { type: 'string', multiple: true },
      });
      const report = await withLabelledSplit(
        { ...values, split: values.split ?? 'val' },
        (session, split, data) => {
          const side = session.model.manifest.input.width;
          const named = [
            ...(values.frame ?? []).map((text) => frameProbe(text, side)),
            ...(values.box ?? []).map((text) => boxProbe(text, side)),
          ];
          return runProbes(session, split, data, named.length ? named : CARD_PROBES);
        },
      );
      io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
      return EXIT_OK;
    } catch (error) {
      reportError(io, error, json);
      return EXIT_BAD_INPUT;
    }
  },
};
