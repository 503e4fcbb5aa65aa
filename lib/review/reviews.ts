import { audited, canonicalJson, sha256Hex } from '../audit';
import type { SessionUser } from '../auth/roles';
import { SecondlookError } from '../errors';
import { type Store } from '../store';
import type { Db, Tx } from '../store/db';
import type { Review } from '../store/generated/sqlite/client';
import { isDiscordant } from './agreement';
import { checkMeasurements } from './measurement-check';
import type { Measurement } from './measurements';
import { parseReviewContent, type FindingDecision, type ReviewContent } from './validate';

type ReviewStatus = 'draft' | 'signed' | 'amended';

export interface ReviewView {
  id: number;
  studyId: number;
  reader: { id: number; username: string };
  inferenceId: number | null;
  decisions: FindingDecision[];
  confounders: string[];
  text: string;
  measurements: Measurement[];
  startedAt: string;
  signedAt: string | null;
  amendsId: number | null;
  amendedById: number | null;
  /** A draft amendment's review: the one it amends once signed. */
  amendingId: number | null;
  status: ReviewStatus;
  /** When the review went to the PACS as a structured report (lib/pacs send-reviews), if it did. */
  sentToPacs: string | null;
}

type ReviewRow = Review & {
  reader: { id: number; username: string };
  amendedBy: { id: number } | null;
  pacsReport: { sentAt: Date } | null;
};

const INCLUDE = {
  reader: { select: { id: true, username: true } },
  amendedBy: { select: { id: true } },
  pacsReport: { select: { sentAt: true } },
} as const;

function toReviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    studyId: row.studyId,
    reader: row.reader,
    inferenceId: row.inferenceId,
    decisions: JSON.parse(row.decisions) as FindingDecision[],
    confounders: JSON.parse(row.confounders) as string[],
    text: row.text,
    measurements: JSON.parse(row.measurements) as Measurement[],
    startedAt: row.startedAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null,
    amendsId: row.amendsId,
    amendedById: row.amendedBy?.id ?? null,
    amendingId: row.amendingId,
    status: row.amendedBy ? 'amended' : row.signedAt ? 'signed' : 'draft',
    sentToPacs: row.pacsReport?.sentAt.toISOString() ?? null,
  };
}

/**
 * The hash of what a reader signed, recorded in the audit event: the trail attests content. A
 * review without measurements hashes as reviews did before they could have any.
 */
function contentSha256(content: ReviewContent, inferenceId: number | null): string {
  const { measurements, ...rest } = content;
  return sha256Hex(
    canonicalJson({
      ...rest,
      decisions: content.decisions.map((d) => ({ ...d })),
      ...(measurements.length > 0
        ? {
            measurements: measurements.map((m) => ({
              ...m,
              values: m.values.map((value) => ({ ...value })),
            })),
          }
        : {}),
      inferenceId,
    }),
  );
}

function auditEvent(action: string, reader: SessionUser, row: Review, content: ReviewContent) {
  return {
    action,
    actorId: reader.id,
    actorName: reader.username,
    subjectType: 'review',
    subjectId: row.id,
    details: {
      studyId: row.studyId,
      inferenceId: row.inferenceId,
      amendsId: row.amendsId,
      ...(row.amendingId === null ? {} : { amendingId: row.amendingId }),
      signed: row.signedAt !== null,
      contentSha256: contentSha256(content, row.inferenceId),
    },
  };
}

function serialise(content: ReviewContent) {
  return {
    decisions: JSON.stringify(content.decisions),
    discordant: isDiscordant(content.decisions),
    confounders: JSON.stringify(content.confounders),
    text: content.text,
    measurements: JSON.stringify(content.measurements),
  };
}

async function checkInference(tx: Tx, studyId: number, inferenceId: number | null): Promise<void> {
  if (inferenceId === null) return;
  const inference = await tx.inference.findUnique({
    where: { id: inferenceId },
    include: { series: true },
  });
  if (!inference || inference.series.studyId !== studyId) {
    throw new SecondlookError('BAD_REVIEW', `inference ${inferenceId} is not of study ${studyId}`);
  }
}

function optionalId(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new SecondlookError('BAD_REVIEW', `${what} must be a positive integer`);
  return value as number;
}

export interface NewReviewInput {
  studyId: unknown;
  inferenceId?: unknown;
  decisions?: unknown;
  confounders?: unknown;
  text?: unknown;
  measurements?: unknown;
  startedAt?: unknown;
  sign?: unknown;
}

/** Opens a reader's review of a study: a draft, or signed at once with `sign: true`. */
export async function createReview(
  store: Store,
  reader: SessionUser,
  input: NewReviewInput,
): Promise<ReviewView> {
  const studyId = optionalId(input.studyId, 'studyId');
  if (studyId === null) throw new SecondlookError('BAD_REVIEW', 'studyId is required');
  const inferenceId = optionalId(input.inferenceId, 'inferenceId');
  const content = parseReviewContent(input);
  const startedAt = parseStartedAt(input.startedAt);
  const sign = input.sign === true;
  if (!(await store.db.study.findUnique({ where: { id: studyId } })))
    throw new SecondlookError('NOT_FOUND', `no study ${studyId}`);
  await checkMeasurements(store, studyId, content.measurements);
  return audited(store.db, async (tx) => {
    await checkInference(tx, studyId, inferenceId);
    const row = await tx.review.create({
      data: {
        studyId,
        readerId: reader.id,
        inferenceId,
        ...serialise(content),
        startedAt,
        signedAt: sign ? new Date() : null,
      },
      include: INCLUDE,
    });
    return {
      result: toReviewView(row),
      event: auditEvent(sign ? 'review.sign' : 'review.create', reader, row, content),
    };
  });
}

function parseStartedAt(value: unknown): Date {
  if (value === undefined || value === null) return new Date();
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.getTime() > Date.now() + 60_000) {
    throw new SecondlookError('BAD_REVIEW', 'startedAt must be an ISO 8601 time not in the future');
  }
  return date;
}

/** The reader's own review, for a change: anyone else's is FORBIDDEN, a signed one REVIEW_SIGNED. */
async function ownDraft(tx: Tx, reader: SessionUser, reviewId: number): Promise<ReviewRow> {
  const row = await tx.review.findUnique({ where: { id: reviewId }, include: INCLUDE });
  if (!row) throw new SecondlookError('NOT_FOUND', `no review ${reviewId}`);
  if (row.readerId !== reader.id)
    throw new SecondlookError('FORBIDDEN', 'a review belongs to its reader');
  if (row.signedAt)
    throw new SecondlookError('REVIEW_SIGNED', `review ${reviewId} is signed: amend it instead`);
  return row;
}

/** Changes a draft (and signs it with `sign: true`); signed reviews never change. */
export async function updateDraft(
  store: Store,
  reader: SessionUser,
  reviewId: number,
  change: {
    decisions?: unknown;
    confounders?: unknown;
    text?: unknown;
    measurements?: unknown;
    inferenceId?: unknown;
    sign?: unknown;
    /** A draft amendment's reason, when signed (its comment otherwise). */
    reason?: unknown;
  },
): Promise<ReviewView> {
  // A review never changes study: its new measurements are checked before the write lock.
  const measurements = parseReviewContent({ measurements: change.measurements }).measurements;
  const before = await store.db.review.findUnique({ where: { id: reviewId } });
  if (before) await checkMeasurements(store, before.studyId, measurements);
  return audited(store.db, async (tx) => {
    const current = await ownDraft(tx, reader, reviewId);
    const merged = parseReviewContent({
      decisions: change.decisions ?? JSON.parse(current.decisions),
      confounders: change.confounders ?? JSON.parse(current.confounders),
      text: change.text ?? current.text,
      measurements: change.measurements ?? JSON.parse(current.measurements),
    });
    const inferenceId =
      change.inferenceId === undefined
        ? current.inferenceId
        : optionalId(change.inferenceId, 'inferenceId');
    await checkInference(tx, current.studyId, inferenceId);
    const sign = change.sign === true;
    // A draft amendment signed amends its review, checked as an amendment is.
    const amends =
      sign && current.amendingId !== null
        ? (await signedOriginal(tx, reader, current.amendingId)).id
        : null;
    const row = await tx.review.update({
      where: { id: reviewId },
      data: {
        ...serialise(merged),
        inferenceId,
        signedAt: sign ? new Date() : null,
        ...(amends === null ? {} : { amendsId: amends, amendingId: null }),
      },
      include: INCLUDE,
    });
    if (amends !== null) {
      const reason = typeof change.reason === 'string' ? change.reason : merged.text;
      return { result: toReviewView(row), event: amendmentEvent(reader, row, merged, reason) };
    }
    return {
      result: toReviewView(row),
      event: auditEvent(sign ? 'review.sign' : 'review.update', reader, row, merged),
    };
  });
}

/** Deletes the reader's own draft (a new review's or an amendment's); signed reviews stay. */
export async function discardDraft(
  store: Store,
  reader: SessionUser,
  reviewId: number,
): Promise<void> {
  await audited(store.db, async (tx) => {
    const current = await ownDraft(tx, reader, reviewId);
    await tx.review.delete({ where: { id: reviewId } });
    return {
      result: undefined,
      event: auditEvent('review.discard', reader, current, parseReviewContent({})),
    };
  });
}

export function signReview(
  store: Store,
  reader: SessionUser,
  reviewId: number,
): Promise<ReviewView> {
  return updateDraft(store, reader, reviewId, { sign: true });
}

/**
 * The signed review `reviewId` for its reader to amend: anyone else's is FORBIDDEN, a draft
 * REVIEW_NOT_SIGNED, one amended already REVIEW_AMENDED (amend the amendment).
 */
async function signedOriginal(tx: Tx, reader: SessionUser, reviewId: number): Promise<ReviewRow> {
  const original = await tx.review.findUnique({ where: { id: reviewId }, include: INCLUDE });
  if (!original) throw new SecondlookError('NOT_FOUND', `no review ${reviewId}`);
  if (original.readerId !== reader.id)
    throw new SecondlookError('FORBIDDEN', 'a review belongs to its reader');
  if (!original.signedAt)
    throw new SecondlookError(
      'REVIEW_NOT_SIGNED',
      `review ${reviewId} is a draft: edit it instead`,
    );
  if (original.amendedBy) {
    throw new SecondlookError(
      'REVIEW_AMENDED',
      `review ${reviewId} was amended by review ${original.amendedBy.id}`,
    );
  }
  return original;
}

function amendmentEvent(reader: SessionUser, row: Review, content: ReviewContent, reason: string) {
  const event = auditEvent('review.amend', reader, row, content);
  return {
    ...event,
    details: { ...event.details, reasonSha256: sha256Hex(reason.slice(0, 1000)) },
  };
}

/**
 * Amends a signed review: a new signed row pointing at it (`amendsId`); the original stays as
 * it was. Only its reader may amend it, and only once (amend the amendment after that). With
 * `draft: true` the amendment is the reader's draft instead (`amendingId`), kept while they
 * write it and signed with updateDraft; the review stays in force until then. While it exists,
 * no other amendment of the review is made, drafted or signed (REVIEW_DRAFT_EXISTS names it).
 */
export async function amendReview(
  store: Store,
  reader: SessionUser,
  reviewId: number,
  input: {
    decisions?: unknown;
    confounders?: unknown;
    text?: unknown;
    measurements?: unknown;
    reason?: unknown;
    draft?: unknown;
  },
): Promise<ReviewView> {
  const content = parseReviewContent(input);
  const reason = typeof input.reason === 'string' ? input.reason : '';
  const draft = input.draft === true;
  const original = await store.db.review.findUnique({ where: { id: reviewId } });
  if (original) await checkMeasurements(store, original.studyId, content.measurements);
  return audited(store.db, async (tx) => {
    const original = await signedOriginal(tx, reader, reviewId);
    // One amendment in progress: another, drafted or signed at once, would leave it stale.
    const drafted = await tx.review.findFirst({
      where: { amendingId: original.id, signedAt: null },
    });
    if (drafted) {
      throw new SecondlookError(
        'REVIEW_DRAFT_EXISTS',
        `review ${reviewId} has a draft amendment, review ${drafted.id}: sign or discard it first`,
      );
    }
    const now = new Date();
    const row = await tx.review.create({
      data: {
        studyId: original.studyId,
        readerId: reader.id,
        inferenceId: original.inferenceId,
        ...serialise(content),
        startedAt: now,
        ...(draft ? { amendingId: original.id } : { signedAt: now, amendsId: original.id }),
      },
      include: INCLUDE,
    });
    return {
      result: toReviewView(row),
      event: draft
        ? auditEvent('review.create', reader, row, content)
        : amendmentEvent(reader, row, content, reason),
    };
  });
}

/** Reviews of a study: a radiologist sees only their own (reads stay independent), an auditor all. */
export async function listReviews(
  db: Db,
  viewer: SessionUser,
  studyId: number,
): Promise<ReviewView[]> {
  const rows = await db.review.findMany({
    where: { studyId, ...(viewer.role === 'auditor' ? {} : { readerId: viewer.id }) },
    orderBy: { id: 'asc' },
    include: INCLUDE,
  });
  return rows.map(toReviewView);
}
