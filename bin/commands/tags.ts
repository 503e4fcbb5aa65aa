import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  reportError,
  type Command,
  type CommandIO,
} from '../command';
import { listElements, type ElementRow } from '../../lib/dicom';
import { readDicomFile } from '../files';
import { SecondlookError } from '../../lib/errors';

const options = { json: { type: 'boolean' } } as const;

/** One row as dcmdump lays it out: indented by depth, then tag, VR, value and what it is. */
function line(row: ElementRow): string {
  const name = row.creator ? `${row.keyword} (${row.creator})` : row.keyword || 'unknown';
  const length = row.length === null ? 'undefined length' : `${row.length} bytes`;
  return `${'  '.repeat(row.depth)}${row.tag} ${row.vr} [${row.value}]  # ${length}, ${name}`;
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    const json = values.json === true;
    if (positionals.length !== 1) {
      reportError(io, new SecondlookError('USAGE', 'usage: secondlook tags <file> [--json]'), json);
      return EXIT_BAD_INPUT;
    }
    const target = positionals[0]!;
    try {
      // A broken file lists what was read before the break, then says where and why (exit 1).
      const file = await readDicomFile(target, { allowPartial: true });
      const { rows, truncated } = listElements(file);
      const transferSyntaxUID = file.encoding.transferSyntaxUID;
      const { incomplete } = file;
      if (json) {
        const listing = { file: target, transferSyntaxUID, truncated, incomplete, rows };
        io.stdout(`${JSON.stringify(listing)}\n`);
      } else {
        const more = truncated ? `\n(stopped after ${rows.length} rows)\n` : '\n';
        io.stdout(`${target}\n${rows.map(line).join('\n')}${more}`);
        if (incomplete) {
          const where = { offset: incomplete.offset ?? undefined, file: target };
          reportError(io, new SecondlookError(incomplete.code, incomplete.message, where), false);
        }
      }
      return incomplete ? EXIT_SOME_FAILED : EXIT_OK;
    } catch (error) {
      reportError(io, error, json, target);
      return EXIT_BAD_INPUT;
    }
  },
};
