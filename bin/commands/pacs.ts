/**
 * `secondlook pacs pull [--url URL] [--user U] [--modality CR,DX|all] [--since YYYYMMDD|all]
 * [--study UID] [--json]`: pulls what the store lacks of a PACS's studies over DICOMweb
 * (lib/pacs), as the server's poller does, and renders each new series' opening image. The URL,
 * user, modalities and look-back default to the server's SECONDLOOK_PACS_* settings; the password
 * is read from SECONDLOOK_PACS_PASSWORD only (never an argument, which other users can see).
 * Exit 1 when an instance or study failed, 2 when the PACS could not be searched at all.
 */
import { renderOpeningImages, storedSeriesIds } from '../../lib/display';
import { checkUid, DicomWebClient } from '../../lib/dicomweb';
import { SecondlookError } from '../../lib/errors';
import { pacsConfigFromEnv, pullFromPacs, studyDateDaysBefore } from '../../lib/pacs';
import { openStore, storeConfigFromEnv } from '../../lib/store';
import {
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  type Command,
  type CommandIO,
} from '../command';

const USAGE =
  'usage: secondlook pacs pull [--url URL] [--user U] [--modality CR,DX|all] [--since YYYYMMDD|all] [--study UID] [--json]';

function studyDateFrom(since: string | undefined, lookbackDays: number | null): string | undefined {
  if (since === 'all') return undefined;
  if (since === undefined) {
    return lookbackDays === null ? undefined : studyDateDaysBefore(lookbackDays);
  }
  if (!/^\d{8}$/.test(since)) {
    throw new SecondlookError('USAGE', `--since takes a date as YYYYMMDD or 'all', got '${since}'`);
  }
  return since;
}

async function pull(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    url: { type: 'string' },
    user: { type: 'string' },
    modality: { type: 'string' },
    since: { type: 'string' },
    study: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new SecondlookError('USAGE', USAGE);
  const config = pacsConfigFromEnv({
    ...process.env,
    ...(values.url !== undefined && { SECONDLOOK_PACS_URL: values.url }),
    ...(values.user !== undefined && { SECONDLOOK_PACS_USER: values.user }),
    ...(values.modality !== undefined && { SECONDLOOK_PACS_MODALITIES: values.modality }),
  });
  if (!config)
    throw new SecondlookError('USAGE', `no PACS: give --url or set SECONDLOOK_PACS_URL; ${USAGE}`);
  const query = {
    modalities: config.modalities,
    studyDateFrom: values.study ? undefined : studyDateFrom(values.since, config.lookbackDays),
    studyInstanceUID: values.study === undefined ? undefined : checkUid(values.study, '--study'),
  };
  const client = new DicomWebClient(config.dicomWeb);
  const store = await openStore(storeConfigFromEnv());
  try {
    const summary = await pullFromPacs(store, client, query, null);
    await renderOpeningImages(store, storedSeriesIds(summary.results));
    if (values.json) {
      io.stdout(`${JSON.stringify(summary)}\n`);
    } else {
      for (const result of summary.results.filter((r) => r.error)) {
        io.stderr(
          `${result.file}: ${result.status} ${result.error!.code}: ${result.error!.message}\n`,
        );
      }
      io.stdout(
        `studies ${summary.studies} (${summary.complete} already complete), stored ${summary.stored}, duplicates ${summary.duplicates}, conflicts ${summary.conflicts}, failed ${summary.failed}\n`,
      );
    }
    return summary.failed + summary.conflicts > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  } finally {
    await store.close();
  }
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const [action, ...rest] = argv;
    if (action !== 'pull') throw new SecondlookError('USAGE', USAGE);
    return pull(rest, io);
  },
};
