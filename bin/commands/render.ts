import { writeFile } from 'node:fs/promises';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  parseCommandArgs,
  reportError,
  type Command,
  type CommandIO,
} from '../command';
import { decodeFrame, readPixelModule } from '../../lib/dicom';
import { readDicomFile } from '../files';
import { SecondlookError } from '../../lib/errors';
import { encodePng, renderDisplay, type DisplayOptions } from '../../lib/imaging/node';

const options = {
  out: { type: 'string' },
  frame: { type: 'string' },
  preset: { type: 'string' },
  window: { type: 'string' },
  'window-index': { type: 'string' },
  invert: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function parseWindow(text: string): { center: number; width: number } {
  const parts = text.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || parts.some((part) => !Number.isFinite(part))) {
    throw new SecondlookError(
      'USAGE',
      `--window wants CENTER,WIDTH (e.g. --window=-600,1500), got "${text}"`,
    );
  }
  return { center: parts[0]!, width: parts[1]! };
}

function parseIndex(option: string, text: string): number {
  const index = Number(text);
  if (!Number.isInteger(index) || index < 0) {
    throw new SecondlookError('USAGE', `--${option} wants an index from 0, got "${text}"`);
  }
  return index;
}

async function render(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, options);
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0 || !values.out) {
    throw new SecondlookError(
      'USAGE',
      'usage: secondlook render <file> --out F.png [--frame N] [--preset NAME | --window=C,W | --window-index N] [--invert] [--json]',
    );
  }
  const choices = [values.preset, values.window, values['window-index']];
  if (choices.filter((choice) => choice !== undefined).length > 1) {
    throw new SecondlookError(
      'USAGE',
      '--preset, --window and --window-index are alternatives: give one',
    );
  }
  const display: DisplayOptions = { invert: values.invert ?? false };
  if (values.window !== undefined) display.window = parseWindow(values.window);
  if (values.preset !== undefined) display.preset = values.preset;
  if (values['window-index'] !== undefined) {
    display.windowIndex = parseIndex('window-index', values['window-index']);
  }
  const frameIndex = values.frame === undefined ? 0 : parseIndex('frame', values.frame);

  const dicom = await readDicomFile(input);
  const frame = await decodeFrame(dicom, frameIndex);
  const image = renderDisplay(frame, readPixelModule(dicom), display);
  await writeFile(values.out, encodePng(image));

  const summary = {
    file: input,
    out: values.out,
    frame: frameIndex,
    width: image.width,
    height: image.height,
    channels: image.channels,
    voiSource: image.voiSource,
    voiExplanation: image.voiExplanation,
    voi: image.voi?.kind === 'window' ? image.voi : image.voi ? { kind: 'lut' } : null,
    inverted: image.inverted,
  };
  if (values.json) {
    io.stdout(`${JSON.stringify(summary)}\n`);
  } else {
    const source = `(${summary.voiSource}${summary.voiExplanation ? `: ${summary.voiExplanation}` : ''})`;
    const voi =
      summary.voi && 'center' in summary.voi
        ? `window ${summary.voi.center}/${summary.voi.width} ${summary.voi.fn} ${source}`
        : summary.voi
          ? `VOI LUT ${source}`
          : 'colour, no VOI';
    io.stdout(
      `wrote ${values.out}: ${image.width}x${image.height}, ${voi}${image.inverted ? ', inverted' : ''}\n`,
    );
  }
  return EXIT_OK;
}

/** `secondlook render <file> --out F.png`: one frame through modality LUT, VOI and photometric handling. */
export const command: Command = {
  async run(argv, io) {
    try {
      return await render(argv, io);
    } catch (error) {
      reportError(io, error, argv.includes('--json'));
      return EXIT_BAD_INPUT;
    }
  },
};
