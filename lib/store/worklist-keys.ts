import { audited } from '../audit';
import { aiSummary, STUDY_INCLUDE } from './ai-summary';
import type { Db, Tx } from './db';
import { findInChunks } from './chunks';

type Timed = { id: number; createdAt: Date };

/** Raise it when a key's definition changes: every study's keys are recomputed at open. */
const WORKLIST_KEYS_VERSION = 2;

/**
 * LIKE's wildcards (`%`, `_`) and PostgreSQL's LIKE escape (`\`) as private-use characters:
 * Prisma's `contains` passes them to LIKE as they are, so "100%" would find "1004".
 */
const LIKE_SPECIAL: Record<string, string> = { '%': '\ue025', _: '\ue05f', '\\': '\ue05c' };

/**
 * Text as the worklist's text filter compares it: lower case, with runs of spaces, commas and
 * DICOM's name separators (`^`, `=`) made one space, and LIKE's special characters replaced. A
 * study's fields and the typed query both go through it, so "Osterman, Phillip" finds
 * OSTERMAN^PHILLIP and "100%" finds only "100%".
 */
export function searchableText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s,^=]+/g, ' ')
    .trim()
    .replace(/[%_\\]/g, (special) => LIKE_SPECIAL[special]!);
}

/**
 * The default order as one ascending string: flagged first, then the highest top probability
 * (none last), then the oldest (study date at midnight UTC, or the time received without a valid
 * one), then the id. Probabilities within 1e-12 of each other count as equal.
 */
function worklistOrderKey(study: {
  id: number;
  studyDate: string | null;
  createdAt: Date;
  aiFlagged: boolean;
  aiTopProbability: number | null;
}): string {
  const probability = study.aiTopProbability;
  const rank = probability === null ? '2' : (1 - Math.min(1, Math.max(0, probability))).toFixed(12);
  const da = /^(\d{4})(\d{2})(\d{2})$/.exec(study.studyDate ?? '');
  const date = da ? `${da[1]}-${da[2]}-${da[3]}T00:00:00.000Z` : study.createdAt.toISOString();
  return [study.aiFlagged ? '0' : '1', rank, date, String(study.id).padStart(12, '0')].join('|');
}

/**
 * When a flagged study's flag was raised: kept while it stays flagged, else (newly flagged, or
 * flagged before the column) the time of the inference that flags it.
 */
function flaggedSince(
  study: { aiFlagged: boolean; aiFlaggedAt: Date | null; series: { inferences: Timed[] }[] },
  inferenceId: number | null,
): Date {
  if (study.aiFlagged && study.aiFlaggedAt) return study.aiFlaggedAt;
  const flagging = study.series
    .flatMap((series) => series.inferences)
    .find((i) => i.id === inferenceId);
  return flagging!.createdAt;
}

/**
 * Recomputes the worklist keys of these studies from their rows (inside the caller's
 * transaction), in id order, so that processes refreshing the same studies at once (several
 * servers opening one old store) lock them in the same order and wait instead of deadlocking.
 */
export async function refreshWorklistKeys(tx: Tx, studyIds: readonly number[]): Promise<void> {
  const ids = [...new Set(studyIds)].sort((a, b) => a - b);
  const studies = await findInChunks(ids, (chunk) =>
    tx.study.findMany({
      where: { id: { in: chunk } },
      include: STUDY_INCLUDE,
      orderBy: { id: 'asc' },
    }),
  );
  for (const study of studies) {
    const ai = aiSummary(study.series);
    const flagged = ai.flaggedFindings.length > 0;
    const keys = {
      aiStatus: ai.status,
      aiFlagged: flagged,
      aiFlaggedAt: flagged ? flaggedSince(study, ai.inferenceId) : null,
      aiTopProbability: ai.topProbability,
      aiScreenedSeries: ai.screenedSeries,
      aiEligibleSeries: ai.eligibleSeries,
    };
    await tx.study.update({
      where: { id: study.id },
      data: {
        ...keys,
        worklistText: [study.patientName, study.patientId, study.studyDescription]
          .map((field) => searchableText(field ?? ''))
          .join('\n'),
        worklistOrder: worklistOrderKey({ ...study, ...keys }),
        keysVersion: WORKLIST_KEYS_VERSION,
      },
    });
  }
}

/**
 * Computes the keys of every study written before them (or under an older definition), 500
 * studies a transaction: once after the migration that added them, then a single query per open.
 */
export async function refreshStaleWorklistKeys(db: Db): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await db.study.findMany({
      where: { keysVersion: { lt: WORKLIST_KEYS_VERSION } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: 500,
    });
    if (stale.length === 0) return refreshed;
    // As an audited change without an event: the audit head's row is locked first, which takes
    // SQLite's write lock up front and orders the locks as every other write does, so processes
    // opening one old store at once take turns.
    await audited(db, async (tx) => {
      await refreshWorklistKeys(
        tx,
        stale.map((study) => study.id),
      );
      return { result: undefined, event: null };
    });
    refreshed += stale.length;
  }
}
