/**
 * Sending screening results back to the PACS: each series the screening worker scored, in the
 * studies the PACS listed, gets one DICOM Secondary Capture in its study (lib/results) showing the
 * image the model read with its Grad-CAM and the result in words, and one structured report
 * (Enhanced SR, TID 1500) of the same numbers and calls, stored together in one STOW-RS request. The map is
 * drawn again with the same model from the same bytes, and a result whose probabilities do not
 * come out as stored is refused (RESULT_MISMATCH). Each sent result is recorded (PacsResult) with
 * its audit event in one transaction, so a series' result is sent once per model; its UIDs are
 * named by what it holds, so a send repeated after a crash between the PACS's answer and that
 * record replaces itself in the PACS. A result sent before reports were (its PacsResult has no
 * report) gets its report alone, once. One result that fails is reported with its code and the
 * rest go on.
 */
import { actorFields, type Actor } from '../auth/users';
import { audited } from '../audit';
import { parseDicom } from '../dicom';
import type { DicomWebClient } from '../dicomweb';
import { toErrorInfo, type ErrorInfo } from '../errors';
import {
  modelIdentity,
  type Finding,
  type ModelSession,
  type OutOfScopeReason,
} from '../inference';
import { resultCapture } from '../results';
import { findInChunks, readInstanceBytes, type Store } from '../store';
import { checkInPacs } from './in-pacs';

/** Which results go back: the flagged ones, or every scored one. */
export type ResultPolicy = 'flagged' | 'all';

export interface SendQuery {
  /** The studies the PACS holds (those it listed); results of other studies stay here. */
  studyInstanceUIDs: readonly string[];
  policy: ResultPolicy;
  /** Inferences not to send this time (the poller's failures backing off). */
  holdBack?: (inferenceId: number) => boolean;
  /** Asked before each result: false stops the sending there (see PullQuery.keepGoing). */
  keepGoing?: () => Promise<boolean>;
}

interface SentResult {
  inferenceId: number;
  studyId: number;
  seriesId: number;
  status: 'sent' | 'failed';
  /** `result`: the Secondary Capture and its report; `report`: the report of one sent before. */
  kind: 'result' | 'report';
  /**
   * The SOP Instance UID sent first (also for a failed one, when it was made): the Secondary
   * Capture's for a result, the report's for a report.
   */
  sopInstanceUID: string | null;
  error: ErrorInfo | null;
}

export interface SendSummary {
  sent: number;
  failed: number;
  heldBack: number;
  results: SentResult[];
}

type Candidate = Awaited<ReturnType<typeof candidates>>[number];

/**
 * The newest scored inference of each series by this model from the screening worker (not a
 * browser's), in the listed studies, due under the policy, for series with no result of this
 * model sent yet.
 */
async function candidates(store: Store, sha256: string, query: SendQuery) {
  const modelVersion = { sha256 };
  const rows = await findInChunks(query.studyInstanceUIDs, (uids) =>
    store.db.inference.findMany({
      where: {
        series: {
          study: { studyInstanceUID: { in: uids } },
          inferences: { none: { modelVersion, pacsResult: { isNot: null } } },
        },
        modelVersion,
        provider: { startsWith: 'onnxruntime-node' },
        probabilities: { not: null },
        instanceId: { not: null },
      },
      include: {
        series: { include: { study: true } },
        modelVersion: true,
        instance: { select: { sopInstanceUID: true } },
      },
    }),
  );
  rows.sort((a, b) => b.id - a.id);
  const newest = new Map<number, (typeof rows)[number]>();
  for (const row of rows) if (!newest.has(row.seriesId)) newest.set(row.seriesId, row);
  return [...newest.values()]
    .filter(
      (row) =>
        query.policy === 'all' ||
        (JSON.parse(row.findings) as Finding[]).some((finding) => finding.flagged),
    )
    .sort((a, b) => a.id - b.id);
}

/** Results of this model sent before reports were, in the listed studies: their inferences. */
async function withoutReport(store: Store, sha256: string, query: SendQuery) {
  const rows = await findInChunks(query.studyInstanceUIDs, (uids) =>
    store.db.inference.findMany({
      where: {
        series: { study: { studyInstanceUID: { in: uids } } },
        modelVersion: { sha256 },
        pacsResult: { is: { reportSopInstanceUID: null } },
      },
      include: {
        series: { include: { study: true } },
        modelVersion: true,
        instance: { select: { sopInstanceUID: true } },
      },
    }),
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** The Secondary Capture of one inference, from the instance the model read. */
async function render(store: Store, session: ModelSession, row: Candidate) {
  const { bytes } = await readInstanceBytes(store, row.instanceId!);
  return resultCapture({
    source: parseDicom(new Uint8Array(bytes), { file: `instance ${row.instanceId}` }),
    session,
    stored: {
      probabilities: JSON.parse(row.probabilities!) as Record<string, number>,
      findings: JSON.parse(row.findings) as Finding[],
      outOfScope: JSON.parse(row.outOfScope) as OutOfScopeReason[],
    },
  });
}

/**
 * One result into the PACS, recorded with its audit event in one transaction: a `result` is the
 * Secondary Capture and its report in one STOW-RS request (a new PacsResult); a `report` is the
 * report alone, for a result sent before reports were (its PacsResult gets the report's UIDs).
 */
async function sendOne(
  store: Store,
  client: DicomWebClient,
  session: ModelSession,
  row: Candidate,
  actor: Actor,
  kind: SentResult['kind'],
): Promise<SentResult> {
  const base = { inferenceId: row.id, studyId: row.series.studyId, seriesId: row.seriesId, kind };
  let sopInstanceUID: string | null = null;
  try {
    const studyInstanceUID = row.series.study.studyInstanceUID;
    // The Source Image Sequence must name something there: a series uploaded by hand into a
    // study the PACS holds is not.
    await checkInPacs(
      client,
      studyInstanceUID,
      row.instance!.sopInstanceUID,
      'the PACS does not hold the image the model read, so a result would name nothing there',
    );
    const made = await render(store, session, row);
    const { report } = made;
    const reportUids = {
      reportSeriesInstanceUID: report.seriesInstanceUID,
      reportSopInstanceUID: report.sopInstanceUID,
    };
    const objects = [
      ...(kind === 'result' ? [{ sopInstanceUID: made.sopInstanceUID, bytes: made.bytes }] : []),
      { sopInstanceUID: report.sopInstanceUID, bytes: report.bytes },
    ];
    sopInstanceUID = objects[0]!.sopInstanceUID;
    await client.storeInstances(studyInstanceUID, objects);
    await audited(store.db, async (tx) => {
      if (kind === 'result') {
        await tx.pacsResult.create({
          data: {
            inferenceId: row.id,
            studyInstanceUID,
            seriesInstanceUID: made.seriesInstanceUID,
            sopInstanceUID: made.sopInstanceUID,
            ...reportUids,
            sentAt: new Date(),
          },
        });
      } else {
        await tx.pacsResult.update({ where: { inferenceId: row.id }, data: reportUids });
      }
      return {
        result: undefined,
        event: {
          action: 'result.send',
          ...actorFields(actor),
          subjectType: 'inference',
          subjectId: row.id,
          details: {
            studyId: row.series.studyId,
            seriesId: row.seriesId,
            model: `${row.modelVersion.name}@${row.modelVersion.version}`,
            ...(kind === 'result'
              ? { seriesInstanceUID: made.seriesInstanceUID, sopInstanceUID: made.sopInstanceUID }
              : { reportOnly: true }),
            reportSopInstanceUID: report.sopInstanceUID,
            bytes: objects.reduce((sum, object) => sum + object.bytes.length, 0),
          },
        },
      };
    });
    return { ...base, status: 'sent', sopInstanceUID, error: null };
  } catch (error) {
    return { ...base, status: 'failed', sopInstanceUID, error: toErrorInfo(error) };
  }
}

/** Sends what `query` makes due, one result at a time; see the module comment. */
export async function sendResults(
  store: Store,
  client: DicomWebClient,
  session: ModelSession,
  query: SendQuery,
  actor: Actor,
): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0, heldBack: 0, results: [] };
  if (query.studyInstanceUIDs.length === 0) return summary;
  const { sha256 } = modelIdentity(session);
  const due = [
    ...(await candidates(store, sha256, query)).map((row) => ({ row, kind: 'result' as const })),
    ...(await withoutReport(store, sha256, query)).map((row) => ({ row, kind: 'report' as const })),
  ];
  for (const { row, kind } of due) {
    if (query.keepGoing && !(await query.keepGoing())) break;
    if (query.holdBack?.(row.id)) {
      summary.heldBack += 1;
      continue;
    }
    const result = await sendOne(store, client, session, row, actor, kind);
    summary.results.push(result);
    summary[result.status === 'sent' ? 'sent' : 'failed'] += 1;
  }
  return summary;
}
