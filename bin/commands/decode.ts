import { writeFile } from 'node:fs/promises';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  parseCommandArgs,
  reportError,
  type Command,
  type CommandIO,
} from '../command';
import { decodeFrame } from '../../lib/dicom';
import { readDicomFile } from '../files';
import { SecondlookError } from '../../lib/errors';

const options = {
  json: { type: 'boolean' },
  frame: { type: 'string' },
  out: { type: 'string' },
} as const;

const USAGE = 'usage: secondlook decode <file> [--frame N] --out F [--json]';

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    const json = values.json === true;
    const file = positionals[0];
    try {
      if (positionals.length !== 1 || !file || !values.out)
        throw new SecondlookError('USAGE', USAGE);
      const frameText = values.frame ?? '0';
      if (!/^\d+$/.test(frameText)) {
        throw new SecondlookError(
          'USAGE',
          `--frame must be a non-negative integer, not "${frameText}"`,
        );
      }
      const dicom = await readDicomFile(file);
      const frame = await decodeFrame(dicom, Number(frameText));
      const px = frame.pixels;
      // Typed arrays are host order, which is little endian on every platform Node runs on.
      await writeFile(values.out, new Uint8Array(px.buffer, px.byteOffset, px.byteLength));
      const summary = {
        rows: frame.rows,
        columns: frame.columns,
        samplesPerPixel: frame.samplesPerPixel,
        dtype: frame.dtype,
        frame: frame.frame,
        numberOfFrames: frame.numberOfFrames,
      };
      io.stdout(`${JSON.stringify(summary)}\n`);
      return EXIT_OK;
    } catch (error) {
      reportError(io, error, json, file);
      return EXIT_BAD_INPUT;
    }
  },
};
