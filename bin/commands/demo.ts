import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDemoStudies } from '../../lib/demo';
import { EXIT_OK, parseCommandArgs, type Command } from '../command';
import { SecondlookError } from '../../lib/errors';

export const command: Command = {
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!values.out) throw new SecondlookError('USAGE', 'demo needs --out DIR');
    const files = generateDemoStudies();
    for (const file of files) {
      const target = path.join(values.out, file.name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.bytes);
    }
    const summary = { out: values.out, files: files.length };
    io.stdout(
      values.json
        ? `${JSON.stringify(summary)}\n`
        : `wrote ${files.length} demo files to ${values.out}\n`,
    );
    return EXIT_OK;
  },
};
