import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  reportError,
  type Command,
  type CommandIO,
} from '../command';
import {
  assembleSeries,
  readFrameGeometry,
  readInstanceMetadata,
  type AssembledSeries,
  type SeriesInstanceInput,
} from '../../lib/dicom';
import { listFilesUnder, readDicomFile } from '../files';
import { SecondlookError, toErrorInfo } from '../../lib/errors';

const options = { json: { type: 'boolean' } } as const;

async function readRecord(file: string): Promise<SeriesInstanceInput<string>> {
  const dicom = await readDicomFile(file);
  return { ...readInstanceMetadata(dicom), frameGeometry: readFrameGeometry(dicom), file };
}

function describe(series: AssembledSeries<string>[]): string {
  const lines: string[] = [];
  for (const one of series) {
    lines.push(
      `series ${one.seriesInstanceUID} (${one.modality ?? 'no modality'}, ${one.instanceCount} instances) in study ${one.studyInstanceUID}`,
    );
    for (const warning of one.warnings) lines.push(`  warning ${warning.code}: ${warning.message}`);
    for (const stack of one.stacks) {
      const spacing =
        stack.spacing === null
          ? 'spacing unknown'
          : `spacing ${Number(stack.spacing.toFixed(4))} mm${stack.spacingUniform ? '' : ' (not uniform)'}`;
      lines.push(
        `  stack ${stack.rows}x${stack.columns}, ${stack.slices.length} slices, ordered by ${stack.orderedBy}, ${spacing}`,
      );
      for (const warning of stack.warnings)
        lines.push(`    warning ${warning.code}: ${warning.message}`);
      for (const slice of stack.slices) {
        const where = slice.location === null ? '' : ` at ${Number(slice.location.toFixed(4))} mm`;
        lines.push(`    ${slice.file}${stack.multiFrame ? ` frame ${slice.frame}` : ''}${where}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

async function series(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, options);
  const [dir, ...extra] = positionals;
  if (dir === undefined || extra.length > 0) {
    throw new SecondlookError('USAGE', 'usage: secondlook series <dir> [--json]');
  }
  const records: SeriesInstanceInput<string>[] = [];
  const failures: { file: string; error: unknown }[] = [];
  for (const file of await listFilesUnder(dir)) {
    try {
      records.push(await readRecord(file));
    } catch (error) {
      failures.push({ file, error });
    }
  }
  const assembled = assembleSeries(records);
  if (values.json) {
    const errors = failures.map(({ file, error }) => toErrorInfo(error, file));
    io.stdout(`${JSON.stringify({ series: assembled, errors }, null, 2)}\n`);
  } else {
    io.stdout(describe(assembled));
    for (const { file, error } of failures) reportError(io, error, false, file);
  }
  return failures.length > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

/** `secondlook series <dir>`: series with ordered instances, spacing and warnings; bad files skipped. */
export const command: Command = {
  async run(argv, io) {
    try {
      return await series(argv, io);
    } catch (error) {
      reportError(io, error, argv.includes('--json'));
      return EXIT_BAD_INPUT;
    }
  },
};
