/**
 * Pulling studies from a PACS into the store: QIDO-RS finds the studies, the store says which of
 * their instances it lacks, and WADO-RS fetches only those, one at a time, each ingested as an
 * upload would be. A study the store already holds whole costs one search and no retrieval; a
 * study that keeps arriving is topped up at the next pull. One instance or study that fails
 * (unreachable, refused, too large, not DICOM) is a failed result with its code and the rest go
 * on; only a failed study search stops the pull, since then there is nothing to pull.
 */
import type { Actor } from '../auth/users';
import { checkUid, numberOf, stringOf, TAGS, type DicomWebClient } from '../dicomweb';
import { toErrorInfo } from '../errors';
import {
  importBytes,
  summarise,
  type ImportResult,
  type ImportSummary,
  type Store,
} from '../store';
import type { SettledStudies } from './settled';

export interface PullQuery {
  /** Modalities to pull; [] for every modality. */
  modalities: string[];
  /** Only studies dated on or after this DICOM date (YYYYMMDD). */
  studyDateFrom?: string;
  /** Only this study. */
  studyInstanceUID?: string;
  /** Instances not to retrieve this time (by SOP Instance UID): the poller's failures backing off. */
  holdBack?: (sopInstanceUID: string) => boolean;
  /**
   * Studies that held nothing more to pull when last listed (the poller's, lib/pacs settled):
   * while the PACS's instance count stays, the study is not listed again.
   */
  settled?: SettledStudies;
  /**
   * Asked before each study: false stops the pull there (the poller's lease went to another
   * server process, which goes on from there).
   */
  keepGoing?: () => Promise<boolean>;
}

export interface PullSummary extends ImportSummary {
  /** Studies the PACS listed. */
  studies: number;
  /** Their Study Instance UIDs. */
  studyInstanceUIDs: string[];
  /** Of those, studies with nothing to pull: held whole, or settled and unchanged. */
  complete: number;
  /** Whether `keepGoing` stopped the pull before every listed study was looked at. */
  stopped: boolean;
  /** Instances whose retrieval or ingest failed, with the error's code. */
  failedInstances: { sopInstanceUID: string; code: string }[];
  /** Instances retrieved and stored (or found already stored) by this pull. */
  storedInstances: string[];
  /** Instances the store lacks that `holdBack` kept back. */
  heldBack: number;
}

type Tally = Pick<PullSummary, 'results' | 'failedInstances' | 'storedInstances' | 'heldBack'>;

interface ListedStudy {
  uid: string;
  instances: number | null;
  /** Study Date (YYYYMMDD) as listed; null when absent or not a date. */
  date: string | null;
}

function dateOf(value: string | null): string | null {
  return value !== null && /^\d{8}$/.test(value) ? value : null;
}

/** A failed result for a search the PACS answered only in part (what it sent is still pulled). */
function truncatedSearch(file: string, what: string): ImportResult {
  return {
    file,
    status: 'failed',
    error: {
      code: 'PACS_TRUNCATED',
      message: `the PACS sent only part of ${what}; shorten SECONDLOOK_PACS_LOOKBACK_DAYS or raise the PACS's QIDO limit`,
      offset: null,
      file,
    },
  };
}

async function listStudies(
  client: DicomWebClient,
  query: PullQuery,
  failed: ImportResult[],
): Promise<ListedStudy[]> {
  const filters: Record<string, string> = { includefield: TAGS.numberOfStudyRelatedInstances };
  if (query.studyDateFrom) filters.StudyDate = `${query.studyDateFrom}-`;
  if (query.studyInstanceUID) filters.StudyInstanceUID = query.studyInstanceUID;
  // One search per modality: a list in ModalitiesInStudy is not understood by every PACS.
  const searches = query.modalities.length > 0 ? query.modalities : [null];
  const studies = new Map<string, ListedStudy>();
  for (const modality of searches) {
    const { datasets, truncated } = await client.searchStudies(
      modality ? { ...filters, ModalitiesInStudy: modality } : filters,
    );
    if (truncated) failed.push(truncatedSearch('studies', modality ?? 'every modality'));
    for (const dataset of datasets) {
      const uid = stringOf(dataset, TAGS.studyInstanceUID) ?? '';
      try {
        checkUid(uid, 'studies');
      } catch (error) {
        failed.push({ file: 'studies', status: 'failed', error: toErrorInfo(error) });
        continue;
      }
      studies.set(uid, {
        uid,
        instances: numberOf(dataset, TAGS.numberOfStudyRelatedInstances),
        date: dateOf(stringOf(dataset, TAGS.studyDate)),
      });
    }
  }
  return [...studies.values()].sort((a, b) => a.uid.localeCompare(b.uid));
}

/** The Study Instance UIDs `query` finds in the PACS (its modality, date and study filters). */
export async function listPacsStudies(client: DicomWebClient, query: PullQuery): Promise<string[]> {
  return (await listStudies(client, query, [])).map((study) => study.uid);
}

async function heldInstances(store: Store, studyUid: string): Promise<number> {
  return store.db.instance.count({ where: { series: { study: { studyInstanceUID: studyUid } } } });
}

async function pullStudy(
  store: Store,
  client: DicomWebClient,
  study: ListedStudy,
  query: PullQuery,
  actor: Actor,
  tally: Tally,
): Promise<void> {
  const { results } = tally;
  const { modalities } = query;
  const where = `studies/${study.uid}`;
  let listed;
  try {
    const found = await client.searchInstances(study.uid, { includefield: TAGS.modality });
    if (found.truncated) results.push(truncatedSearch(where, 'the instances of the study'));
    listed = found;
  } catch (error) {
    results.push({ file: where, status: 'failed', error: toErrorInfo(error, where) });
    return;
  }
  const wanted = listed.datasets.filter((dataset) => {
    const modality = stringOf(dataset, TAGS.modality);
    return modalities.length === 0 || modality === null || modalities.includes(modality);
  });
  const sopUids = wanted.map((dataset) => stringOf(dataset, TAGS.sopInstanceUID) ?? '');
  // Held here, or a result or review this server sent there (lib/pacs send, send-reviews): none
  // is fetched.
  const listedUids = sopUids.filter(Boolean);
  const inList = { sopInstanceUID: { in: listedUids } };
  const select = { sopInstanceUID: true } as const;
  const known = new Set(
    [
      ...(await store.db.instance.findMany({ where: inList, select })),
      ...(await store.db.pacsResult.findMany({ where: inList, select })),
      ...(await store.db.pacsReviewReport.findMany({ where: inList, select })),
      ...(
        await store.db.pacsResult.findMany({
          where: { reportSopInstanceUID: { in: listedUids } },
          select: { reportSopInstanceUID: true },
        })
      ).map((row) => ({ sopInstanceUID: row.reportSopInstanceUID })),
    ].map((row) => row.sopInstanceUID),
  );
  let unsettled = listed.truncated || study.instances === null;
  for (const [index, dataset] of wanted.entries()) {
    const sopUid = sopUids[index]!;
    if (known.has(sopUid)) continue;
    if (query.holdBack?.(sopUid)) {
      tally.heldBack += 1;
      unsettled = true;
      continue;
    }
    const seriesUid = stringOf(dataset, TAGS.seriesInstanceUID) ?? '';
    const file = `${where}/series/${seriesUid}/instances/${sopUid}`;
    let result: ImportResult;
    try {
      const bytes = await client.retrieveInstance(study.uid, seriesUid, sopUid);
      result = await importBytes(store, bytes, file, actor);
    } catch (error) {
      result = { file, status: 'failed', error: toErrorInfo(error, file) };
    }
    results.push(result);
    if (result.status === 'failed') {
      tally.failedInstances.push({ sopInstanceUID: sopUid, code: result.error?.code ?? 'FAILED' });
      unsettled = true;
    } else {
      tally.storedInstances.push(sopUid);
    }
  }
  if (!unsettled) await query.settled?.settle(study.uid, study.instances!, study.date);
}

/** Pulls what the store lacks of the studies that `query` finds; see the module comment. */
export async function pullFromPacs(
  store: Store,
  client: DicomWebClient,
  query: PullQuery,
  actor: Actor,
): Promise<PullSummary> {
  const tally: Tally = { results: [], failedInstances: [], storedInstances: [], heldBack: 0 };
  const studies = await listStudies(client, query, tally.results);
  // Studies dated before the window are never listed again: what was settled of them goes.
  if (query.studyDateFrom) await query.settled?.forgetBefore(query.studyDateFrom);
  const settledAt = (await query.settled?.of(studies.map((study) => study.uid))) ?? new Map();
  let complete = 0;
  let stopped = false;
  for (const study of studies) {
    if (query.keepGoing && !(await query.keepGoing())) {
      stopped = true;
      break;
    }
    const unchanged = study.instances !== null && settledAt.get(study.uid) === study.instances;
    if (
      unchanged ||
      (study.instances !== null && (await heldInstances(store, study.uid)) >= study.instances)
    ) {
      complete += 1;
      continue;
    }
    await pullStudy(store, client, study, query, actor, tally);
  }
  return {
    ...summarise(tally.results),
    studies: studies.length,
    studyInstanceUIDs: studies.map((study) => study.uid),
    complete,
    stopped,
    failedInstances: tally.failedInstances,
    storedInstances: tally.storedInstances,
    heldBack: tally.heldBack,
  };
}
