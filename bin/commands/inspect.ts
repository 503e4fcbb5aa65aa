import { stat } from 'node:fs/promises';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  reportError,
  type Command,
  type CommandIO,
} from '../command';
import { INSPECT_FIELDS, toInspectRecord, type InspectRecord } from '../../lib/dicom';
import { listFilesUnder, readDicomFile } from '../files';
import { SecondlookError, toErrorInfo, type ErrorInfo } from '../../lib/errors';

const options = { json: { type: 'boolean' } } as const;

export async function inspectFile(file: string): Promise<InspectRecord> {
  return toInspectRecord(await readDicomFile(file));
}

function formatValue(value: unknown): string {
  if (value === null) return '-';
  if (Array.isArray(value)) return value.join('\\');
  return String(value);
}

function table(record: InspectRecord): string {
  const width = Math.max(...INSPECT_FIELDS.map((f) => f.length));
  return INSPECT_FIELDS.map((f) => `  ${f.padEnd(width)}  ${formatValue(record[f])}`).join('\n');
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    const json = values.json === true;
    if (positionals.length !== 1) {
      reportError(
        io,
        new SecondlookError('USAGE', 'usage: secondlook inspect <file|dir> [--json]'),
        json,
      );
      return EXIT_BAD_INPUT;
    }
    const target = positionals[0]!;
    let isDir = false;
    try {
      isDir = (await stat(target)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      reportError(
        io,
        new SecondlookError('READ_FAILED', `cannot read: ${code}`, { file: target }),
        json,
      );
      return EXIT_BAD_INPUT;
    }
    if (!isDir) {
      try {
        const record = await inspectFile(target);
        io.stdout(json ? `${JSON.stringify(record)}\n` : `${target}\n${table(record)}\n`);
        return EXIT_OK;
      } catch (error) {
        reportError(io, error, json, target);
        return EXIT_BAD_INPUT;
      }
    }
    const files = await listFilesUnder(target);
    const results: (({ file: string } & InspectRecord) | { file: string; error: ErrorInfo })[] = [];
    let failed = 0;
    for (const file of files) {
      try {
        const record = await inspectFile(file);
        results.push({ file, ...record });
        if (!json) io.stdout(`${file}\n${table(record)}\n`);
      } catch (error) {
        failed++;
        const info = toErrorInfo(error, file);
        results.push({ file, error: info });
        if (!json) reportError(io, error, false, file);
      }
    }
    if (json) io.stdout(`${JSON.stringify(results)}\n`);
    else io.stdout(`${files.length - failed} of ${files.length} files read\n`);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
  },
};
