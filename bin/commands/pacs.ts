/**
 * `secondlook pacs pull [--url URL] [--user U] [--modality CR,DX|all] [--since YYYYMMDD|all]
 * [--study UID] [--json]`: pulls what the store lacks of a PACS's studies over DICOMweb
 * (lib/pacs), as the server's poller does, and renders each new series' opening image.
 * `secondlook pacs send [same filters] [--policy flagged|all] [--model DIR] [--json]`: sends the
 * screening results of the studies those filters find in the PACS back into them as Secondary
 * Captures with structured reports, as the poller does with SECONDLOOK_PACS_SEND; with `--reviews`
 * it sends the readers' signed reviews of those studies instead, as structured reports verified
 * by their readers (SECONDLOOK_PACS_SEND_REVIEWS). The URL, user, modalities and look-back
 * default to the server's SECONDLOOK_PACS_* settings; the password is read from
 * SECONDLOOK_PACS_PASSWORD only (never an argument, which other users can see). Exit 1 when an
 * instance, study or result failed, 2 when the PACS could not be searched at all.
 */
import { renderOpeningImages, storedSeriesIds } from '../../lib/display';
import { checkUid, DicomWebClient } from '../../lib/dicomweb';
import { SecondlookError } from '../../lib/errors';
import { createNodeSession, loadModelFromDir, readManifestFromDir } from '../../lib/inference/node';
import {
  listPacsStudies,
  pacsConfigFromEnv,
  pullFromPacs,
  sendResults,
  sendReviews,
  studyDateDaysBefore,
  type ResultPolicy,
} from '../../lib/pacs';
import { openStore, storeConfigFromEnv } from '../../lib/store';
import { defaultModelDir } from '../files';
import {
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  type Command,
  type CommandIO,
} from '../command';

const FILTERS =
  '[--url URL] [--user U] [--modality CR,DX|all] [--since YYYYMMDD|all] [--study UID]';
const USAGE = `usage: secondlook pacs pull ${FILTERS} [--json]\n       secondlook pacs send ${FILTERS} [--policy flagged|all | --reviews] [--model DIR] [--json]`;

const FILTER_OPTIONS = {
  url: { type: 'string' },
  user: { type: 'string' },
  modality: { type: 'string' },
  since: { type: 'string' },
  study: { type: 'string' },
  json: { type: 'boolean' },
} as const;

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

/** The PACS and the study query from the filters and the SECONDLOOK_PACS_* settings. */
function pacsAndQuery(values: {
  url?: string;
  user?: string;
  modality?: string;
  since?: string;
  study?: string;
}) {
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
  return { client: new DicomWebClient(config.dicomWeb), query };
}

async function pull(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, FILTER_OPTIONS);
  if (positionals.length > 0) throw new SecondlookError('USAGE', USAGE);
  const { client, query } = pacsAndQuery(values);
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

function policyOf(raw: string | undefined): ResultPolicy {
  if (raw === undefined || raw === 'flagged' || raw === 'all') return raw ?? 'flagged';
  throw new SecondlookError('USAGE', `--policy takes flagged or all, got '${raw.slice(0, 20)}'`);
}

/** `pacs send --reviews`: the signed reviews of the studies found, as structured reports. */
async function sendSignedReviews(
  client: DicomWebClient,
  studyInstanceUIDs: string[],
  modelDir: string,
  json: boolean | undefined,
  io: CommandIO,
): Promise<number> {
  const { labels } = await readManifestFromDir(modelDir);
  const store = await openStore(storeConfigFromEnv());
  try {
    const summary = await sendReviews(store, client, { studyInstanceUIDs, labels }, null);
    if (json) {
      io.stdout(`${JSON.stringify({ studies: studyInstanceUIDs.length, ...summary })}\n`);
    } else {
      for (const result of summary.results.filter((r) => r.error)) {
        io.stderr(
          `review ${result.reviewId} (study ${result.studyId}): failed ${result.error!.code}: ${result.error!.message}\n`,
        );
      }
      io.stdout(
        `studies ${studyInstanceUIDs.length}, reviews sent ${summary.sent}, failed ${summary.failed}\n`,
      );
    }
    return summary.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  } finally {
    await store.close();
  }
}

async function send(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...FILTER_OPTIONS,
    policy: { type: 'string' },
    reviews: { type: 'boolean' },
    model: { type: 'string' },
  });
  if (positionals.length > 0 || (values.reviews && values.policy !== undefined)) {
    throw new SecondlookError('USAGE', USAGE);
  }
  const policy = policyOf(values.policy);
  const { client, query } = pacsAndQuery(values);
  const studyInstanceUIDs = await listPacsStudies(client, query);
  if (values.reviews) {
    return sendSignedReviews(
      client,
      studyInstanceUIDs,
      values.model ?? defaultModelDir,
      values.json,
      io,
    );
  }
  const session = await createNodeSession(await loadModelFromDir(values.model ?? defaultModelDir));
  const store = await openStore(storeConfigFromEnv());
  try {
    const summary = await sendResults(store, client, session, { studyInstanceUIDs, policy }, null);
    if (values.json) {
      io.stdout(`${JSON.stringify({ studies: studyInstanceUIDs.length, ...summary })}\n`);
    } else {
      for (const result of summary.results.filter((r) => r.error)) {
        io.stderr(
          `inference ${result.inferenceId} (study ${result.studyId}): failed ${result.error!.code}: ${result.error!.message}\n`,
        );
      }
      io.stdout(
        `studies ${studyInstanceUIDs.length}, results sent ${summary.sent}, failed ${summary.failed}\n`,
      );
    }
    return summary.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  } finally {
    await store.close();
    await session.release();
  }
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const [action, ...rest] = argv;
    if (action === 'pull') return pull(rest, io);
    if (action === 'send') return send(rest, io);
    throw new SecondlookError('USAGE', USAGE);
  },
};
