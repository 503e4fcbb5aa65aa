/**
 * `secondlook import <file|dir ...> [--json]`: ingests DICOM files into the store (the same
 * service as the upload API). Each bad file is reported with its error and skipped; a file
 * whose SOP Instance UID is stored with other content is a conflict. Exit 1 when any file
 * failed or conflicted. A progress bar goes to stderr on a terminal, never with --json. Each
 * series that got new instances has the image the viewer opens it with rendered ahead
 * (lib/display), so its first open in the app does not wait for a decode.
 */
import { renderOpeningImages, storedSeriesIds } from '../../lib/display';
import { openStore, storeConfigFromEnv, importPaths, type ImportResult } from '../../lib/store';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  processIO,
  type Command,
  type CommandIO,
} from '../command';
import { SecondlookError } from '../../lib/errors';

function describe(result: ImportResult): string | null {
  if (result.status === 'stored' || result.status === 'duplicate') return null;
  const error = result.error;
  const where =
    error?.offset === null || error?.offset === undefined ? '' : ` (offset ${error.offset})`;
  return `${result.file}: ${result.status} ${error?.code ?? ''}: ${error?.message ?? ''}${where}\n`;
}

function progressBar(done: number, total: number, started: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files, ${rate.toFixed(1)} files/s`;
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
    if (positionals.length === 0)
      throw new SecondlookError('USAGE', 'usage: secondlook import <file|dir ...> [--json]');
    const json = values.json === true;
    const showProgress = !json && io === processIO && process.stderr.isTTY === true;
    const started = Date.now();
    const store = await openStore(storeConfigFromEnv());
    try {
      const summary = await importPaths(store, positionals, null, (done, total, result) => {
        if (showProgress) io.stderr(progressBar(done, total, started));
        const line = json ? null : describe(result);
        if (line) io.stderr(`${showProgress ? '\n' : ''}${line}`);
      });
      if (showProgress) io.stderr('\n');
      await renderOpeningImages(store, storedSeriesIds(summary.results));
      if (json) {
        io.stdout(`${JSON.stringify(summary)}\n`);
      } else {
        for (const missing of summary.results.filter((r) => r.error?.code === 'NOT_FOUND'))
          io.stderr(describe(missing) ?? '');
        io.stdout(
          `stored ${summary.stored}, duplicates ${summary.duplicates}, conflicts ${summary.conflicts}, failed ${summary.failed}\n`,
        );
      }
      if (summary.results.length === 0) return EXIT_BAD_INPUT;
      return summary.failed + summary.conflicts > 0 ? EXIT_SOME_FAILED : EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
