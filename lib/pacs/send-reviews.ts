/**
 * Sending signed reviews to the PACS: each review signed in the studies the PACS listed goes
 * once into its study as a structured report verified by its reader (lib/results reviewReport):
 * the measurements with their points on the images they were made on, the decision on each AI
 * finding, confounder flags and the comment. An amendment names the report of the review it
 * amends, when that one was sent, as its predecessor, so the PACS keeps the history. Every image
 * the report names must be in the PACS too (a series uploaded by hand is not:
 * SOURCE_NOT_IN_PACS). A sent review is recorded (PacsReviewReport) with its audit event in one
 * transaction; its UIDs are named by the study, the review and its signature, so a send repeated
 * after a crash before that record replaces itself in the PACS. One review that fails is reported
 * with its code and the rest go on.
 */
import packageJson from '../../package.json';
import { actorFields, type Actor } from '../auth/users';
import { audited } from '../audit';
import { parseDicom } from '../dicom';
import { stringOf, TAGS, type DicomWebClient } from '../dicomweb';
import { SecondlookError, toErrorInfo, type ErrorInfo } from '../errors';
import type { ModelLabel } from '../inference';
import { parseMeasurements, type FindingDecision } from '../review';
import { reviewReport, uidFromName, ENHANCED_SR_STORAGE, type MeasuredImage } from '../results';
import { findInChunks, readInstanceBytes, type Store } from '../store';
import { checkInPacs } from './in-pacs';

/** The series number of a review's report in its study. */
const REVIEW_SERIES_NUMBER = 9900;

export interface ReviewSendQuery {
  /** The studies the PACS holds (those it listed); reviews of other studies stay here. */
  studyInstanceUIDs: readonly string[];
  /** The screening model's labels, for the findings' codes. */
  labels: readonly ModelLabel[];
  /** Reviews not to send this time (the poller's failures backing off). */
  holdBack?: (reviewId: number) => boolean;
  /** Asked before each review: false stops the sending there (see PullQuery.keepGoing). */
  keepGoing?: () => Promise<boolean>;
}

interface SentReview {
  reviewId: number;
  studyId: number;
  status: 'sent' | 'failed';
  /** The report's SOP Instance UID (also for a failed one, when it was made). */
  sopInstanceUID: string | null;
  error: ErrorInfo | null;
}

export interface ReviewSendSummary {
  sent: number;
  failed: number;
  heldBack: number;
  results: SentReview[];
}

/**
 * Signed reviews of the listed studies not sent yet, oldest first (an original before its
 * amendment).
 */
async function candidates(store: Store, studyInstanceUIDs: readonly string[]) {
  const rows = await findInChunks(studyInstanceUIDs, (uids) =>
    store.db.review.findMany({
      where: {
        signedAt: { not: null },
        pacsReport: { is: null },
        study: { studyInstanceUID: { in: uids } },
      },
      include: { study: true, reader: { select: { username: true } } },
    }),
  );
  return rows.sort((a, b) => a.id - b.id);
}

type Candidate = Awaited<ReturnType<typeof candidates>>[number];

/** The instances the report names and the one its patient and study attributes come from. */
async function imagesOf(store: Store, review: Candidate, instanceIds: readonly number[]) {
  const measured = await store.db.instance.findMany({
    where: { id: { in: [...instanceIds] } },
    include: { series: { select: { seriesInstanceUID: true } } },
  });
  const inference = review.inferenceId
    ? await store.db.inference.findUnique({
        where: { id: review.inferenceId },
        include: { modelVersion: true },
      })
    : null;
  const sourceId =
    instanceIds[0] ??
    inference?.instanceId ??
    (
      await store.db.instance.findFirst({
        where: { series: { studyId: review.studyId } },
        orderBy: { id: 'asc' },
        select: { id: true },
      })
    )?.id;
  if (sourceId === undefined)
    throw new SecondlookError('NOT_FOUND', `study ${review.studyId} holds no instance`);
  const images = new Map<number, MeasuredImage>(
    measured.map((row) => [
      row.id,
      {
        sopClassUID: row.sopClassUID ?? '',
        sopInstanceUID: row.sopInstanceUID,
        seriesInstanceUID: row.series.seriesInstanceUID,
        frames: row.numberOfFrames ?? 1,
      },
    ]),
  );
  const aiResult = inference
    ? `${inference.modelVersion.name} ${inference.modelVersion.version}`
    : null;
  const { sopInstanceUID: sourceSop } = await store.db.instance.findUniqueOrThrow({
    where: { id: sourceId },
    select: { sopInstanceUID: true },
  });
  return { images, sourceId, sourceSop, aiResult };
}

/** The report of the review this one amends, if that was sent. */
async function predecessorOf(store: Store, review: Candidate) {
  if (review.amendsId === null) return null;
  const sent = await store.db.pacsReviewReport.findUnique({ where: { reviewId: review.amendsId } });
  return sent
    ? {
        sopClassUID: ENHANCED_SR_STORAGE,
        sopInstanceUID: sent.sopInstanceUID,
        seriesInstanceUID: sent.seriesInstanceUID,
      }
    : null;
}

async function sendOne(
  store: Store,
  client: DicomWebClient,
  review: Candidate,
  labels: readonly ModelLabel[],
  actor: Actor,
): Promise<SentReview> {
  const base = { reviewId: review.id, studyId: review.studyId };
  const studyInstanceUID = review.study.studyInstanceUID;
  // Named by the study, the review and its signature: the same review sent again replaces itself,
  // and another store's review of the study (ids start again at 1) never does.
  const origin = `${studyInstanceUID} ${review.id} ${review.reader.username} ${review.signedAt!.toISOString()}`;
  const seriesInstanceUID = uidFromName(`secondlook review series ${origin}`);
  const sopInstanceUID = uidFromName(`secondlook review report ${origin}`);
  try {
    const measurements = parseMeasurements(JSON.parse(review.measurements));
    const instanceIds = [...new Set(measurements.map((m) => m.instanceId))];
    const { images, sourceId, sourceSop, aiResult } = await imagesOf(store, review, instanceIds);
    const { bytes: sourceBytes } = await readInstanceBytes(store, sourceId);
    const source = parseDicom(new Uint8Array(sourceBytes), { file: `instance ${sourceId}` });
    const named = new Set([
      sourceSop,
      ...[...images.values()].map((image) => image.sopInstanceUID),
    ]);
    for (const sop of named) {
      await checkInPacs(
        client,
        studyInstanceUID,
        sop,
        'the PACS does not hold an image the review names, so its report would name nothing there',
      );
    }
    const predecessor = await predecessorOf(store, review);
    const reader = review.reader.username;
    const bytes = reviewReport({
      source,
      review: {
        id: review.id,
        reader,
        signedAt: review.signedAt!,
        decisions: JSON.parse(review.decisions) as FindingDecision[],
        confounders: JSON.parse(review.confounders) as string[],
        text: review.text,
        measurements,
        aiResult,
      },
      images,
      labels,
      predecessor,
      seriesInstanceUID,
      sopInstanceUID,
      seriesNumber: REVIEW_SERIES_NUMBER,
      seriesDescription: `secondlook review by ${reader}`.slice(0, 64),
      software: { name: 'secondlook', version: packageJson.version },
      createdAt: new Date(),
    });
    await client.storeInstances(studyInstanceUID, [{ sopInstanceUID, bytes }]);
    await audited(store.db, async (tx) => {
      await tx.pacsReviewReport.create({
        data: {
          reviewId: review.id,
          studyInstanceUID,
          seriesInstanceUID,
          sopInstanceUID,
          sentAt: new Date(),
        },
      });
      return {
        result: undefined,
        event: {
          action: 'review.send',
          ...actorFields(actor),
          subjectType: 'review',
          subjectId: review.id,
          details: {
            studyId: review.studyId,
            seriesInstanceUID,
            sopInstanceUID,
            predecessorSopInstanceUID: predecessor?.sopInstanceUID ?? null,
            measurements: measurements.length,
            bytes: bytes.length,
          },
        },
      };
    });
    return { ...base, status: 'sent', sopInstanceUID, error: null };
  } catch (error) {
    return { ...base, status: 'failed', sopInstanceUID, error: toErrorInfo(error) };
  }
}

/** The studies with a signed review not sent yet, each with those reviews' ids. */
async function studiesWithUnsentReviews(
  store: Store,
): Promise<{ studyInstanceUID: string; reviewIds: number[] }[]> {
  const rows = await store.db.review.findMany({
    where: { signedAt: { not: null }, pacsReport: { is: null } },
    select: { id: true, study: { select: { studyInstanceUID: true } } },
  });
  const byStudy = new Map<string, number[]>();
  for (const row of rows) {
    const uid = row.study.studyInstanceUID;
    byStudy.set(uid, [...(byStudy.get(uid) ?? []), row.id]);
  }
  return [...byStudy].map(([studyInstanceUID, reviewIds]) => ({ studyInstanceUID, reviewIds }));
}

/** Whether the PACS holds the study: one study search. */
async function studyInPacs(client: DicomWebClient, uid: string): Promise<boolean> {
  const { datasets } = await client.searchStudies({ StudyInstanceUID: uid });
  return datasets.some((dataset) => stringOf(dataset, TAGS.studyInstanceUID) === uid);
}

/** How long a study with signed reviews that the PACS does not hold is not asked about again. */
const NOT_IN_PACS_MS = 60 * 60_000;

/**
 * For the poller: the studies whose signed reviews may go after a poll. Those it listed, and
 * those of older reviews' studies that the PACS holds although the look-back no longer lists them
 * (a second read often comes days after the images). A study the PACS does not hold (uploaded by
 * hand) is asked about again an hour later, not at every poll; its reviews neither go nor count as
 * failed. Reviews the schedule holds back do not make their study be asked about.
 */
export function reviewStudyFinder(store: Store, client: DicomWebClient) {
  const notInPacsUntil = new Map<string, number>();
  return async (
    listed: readonly string[],
    heldBack: (reviewId: number) => boolean,
  ): Promise<string[]> => {
    const listedSet = new Set(listed);
    const now = Date.now();
    const found: string[] = [];
    for (const { studyInstanceUID, reviewIds } of await studiesWithUnsentReviews(store)) {
      if (listedSet.has(studyInstanceUID)) continue;
      if ((notInPacsUntil.get(studyInstanceUID) ?? 0) > now) continue;
      if (reviewIds.every(heldBack)) continue;
      if (await studyInPacs(client, studyInstanceUID)) found.push(studyInstanceUID);
      else notInPacsUntil.set(studyInstanceUID, now + NOT_IN_PACS_MS);
    }
    return [...listed, ...found];
  };
}

/** Sends the signed reviews `query` makes due, one at a time; see the module comment. */
export async function sendReviews(
  store: Store,
  client: DicomWebClient,
  query: ReviewSendQuery,
  actor: Actor,
): Promise<ReviewSendSummary> {
  const summary: ReviewSendSummary = { sent: 0, failed: 0, heldBack: 0, results: [] };
  if (query.studyInstanceUIDs.length === 0) return summary;
  for (const review of await candidates(store, query.studyInstanceUIDs)) {
    if (query.keepGoing && !(await query.keepGoing())) break;
    if (query.holdBack?.(review.id)) {
      summary.heldBack += 1;
      continue;
    }
    const result = await sendOne(store, client, review, query.labels, actor);
    summary.results.push(result);
    summary[result.status === 'sent' ? 'sent' : 'failed'] += 1;
  }
  return summary;
}
