/**
 * `secondlook faithfulness [--split val|test] [--limit N] [--point NAME] [--model DIR] [--data NPZ] [--json]`:
 * for auditors, whether the model's maps show what it uses. Over the images of a PneumoniaMNIST
 * split (val by default) that the model flags, each CAM method's deletion game (the most salient
 * pixels set to the image mean, a tenth at a time) against deleting the same pixels at random:
 * the mean area under each curve (lower: more faithful) and how often the map beats random.
 */
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, reportError, type Command } from '../command';
import { fixed4 as fixed, reportHeading, splitOptions, withLabelledSplit } from '../labelled-split';
import { SecondlookError } from '../../lib/errors';
import { EigenCam, GradCam, runFaithfulness, type FaithfulnessReport } from '../../lib/saliency';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function describe(report: FaithfulnessReport): string {
  const lines = [
    reportHeading(report),
    `${report.explained} of the ${report.flagged} images flagged at ${report.operatingPoint} (of ${report.images}) explained for ${report.label}; ` +
      `deletion with the image mean, ${report.fractions.length - 1} steps; lower area = more faithful`,
    `${'random order'.padEnd(12)}  area ${fixed(report.random.deletionArea)}`,
  ];
  for (const method of report.methods) {
    lines.push(
      `${method.method.padEnd(12)}  area ${fixed(method.deletionArea)}  beats random on ${percent(method.beatsRandom)}  ` +
        `p after deleting 10% / 20%: ${fixed(method.curve[1] ?? NaN)} / ${fixed(method.curve[2] ?? NaN)}`,
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
        limit: { type: 'string' },
        point: { type: 'string' },
      });
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
        throw new SecondlookError('USAGE', '--limit must be a positive whole number');
      }
      const report = await withLabelledSplit(
        { ...values, split: values.split ?? 'val' },
        (session, split, data) => {
          const head = session.model.head;
          if (!head) throw new SecondlookError('MODEL_INPUT', 'the model has no CAM head');
          return runFaithfulness(session, split, data, [new GradCam(head), new EigenCam(head)], {
            limit,
            operatingPoint: values.point,
          });
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
