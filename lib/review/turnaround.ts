/**
 * Whether triage works: for the studies received in a window, the time from receipt to the first
 * signed read, for the studies the AI flagged against those it screened and did not flag (and
 * those it did not score: pending, failed, out of scope), with what still waits unread. A queue
 * ordered by suspicion should read flagged studies sooner. A read study is grouped by what the
 * worklist said of it when it was first signed (the screening worker's latest result of each
 * series recorded by then; a run in the reader's browser never ordered the worklist), so a later
 * model, or a screening that finished after the read, does not move it; an unread one by what
 * the worklist says now. Counts and minutes only, never patient data.
 */
import { findInChunks } from '../store/chunks';
import type { Db } from '../store/db';

type AiGroup = 'flagged' | 'notFlagged' | 'notScored';

/** A study is in the highest group any of its series puts it in. */
const RANK: Record<AiGroup, number> = { flagged: 2, notFlagged: 1, notScored: 0 };

export interface TurnaroundGroup {
  /** Studies received in the window. */
  studies: number;
  /** Of those, signed by a reader at least once. */
  read: number;
  /** Minutes from receipt to the first signature: median and 90th percentile (nearest rank). */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Not signed by anyone yet, and how long the oldest of them has waited. */
  unread: number;
  oldestUnreadMinutes: number | null;
}

export interface Turnaround {
  since: string;
  flagged: TurnaroundGroup;
  notFlagged: TurnaroundGroup;
  notScored: TurnaroundGroup;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

function group(
  studies: readonly { createdAt: Date; firstSigned: Date | null }[],
  now: Date,
): TurnaroundGroup {
  const waits = studies
    .flatMap((s) => (s.firstSigned ? [s.firstSigned.getTime() - s.createdAt.getTime()] : []))
    .sort((a, b) => a - b);
  const unread = studies.filter((s) => s.firstSigned === null);
  const oldest = Math.min(...unread.map((s) => s.createdAt.getTime()));
  const median = percentile(waits, 50);
  const p90 = percentile(waits, 90);
  return {
    studies: studies.length,
    read: waits.length,
    medianMinutes: median === null ? null : minutes(median),
    p90Minutes: p90 === null ? null : minutes(p90),
    unread: unread.length,
    oldestUnreadMinutes: unread.length > 0 ? minutes(now.getTime() - oldest) : null,
  };
}

/** The browser's runtime: its results are recorded with reviews, after the study was opened. */
const BROWSER_RUNTIME = 'onnxruntime-web/';

/**
 * Each read study's group at its first signature: from the latest screening-worker inference of
 * each of its series recorded by then.
 */
async function groupsWhenRead(
  db: Db,
  firstSigned: ReadonlyMap<number, Date>,
): Promise<Map<number, AiGroup>> {
  const inferences = await findInChunks([...firstSigned.keys()], (ids) =>
    db.inference.findMany({
      where: { series: { studyId: { in: ids } } },
      select: {
        id: true,
        seriesId: true,
        createdAt: true,
        provider: true,
        probabilities: true,
        findings: true,
        series: { select: { studyId: true } },
      },
    }),
  );
  const latest = new Map<number, (typeof inferences)[number]>();
  for (const inference of inferences) {
    const signed = firstSigned.get(inference.series.studyId)!;
    if (inference.createdAt > signed || inference.provider?.startsWith(BROWSER_RUNTIME)) continue;
    const kept = latest.get(inference.seriesId);
    if (!kept || kept.id < inference.id) latest.set(inference.seriesId, inference);
  }
  const groups = new Map<number, AiGroup>();
  for (const inference of latest.values()) {
    const studyId = inference.series.studyId;
    const flagged = (JSON.parse(inference.findings) as { flagged: boolean }[]).some(
      (finding) => finding.flagged,
    );
    const group: AiGroup = flagged
      ? 'flagged'
      : inference.probabilities !== null
        ? 'notFlagged'
        : 'notScored';
    const before = groups.get(studyId) ?? 'notScored';
    groups.set(studyId, RANK[group] > RANK[before] ? group : before);
  }
  return groups;
}

function groupNow(study: { aiFlagged: boolean; aiStatus: string }): AiGroup {
  if (study.aiFlagged) return 'flagged';
  return study.aiStatus === 'screened' ? 'notFlagged' : 'notScored';
}

/** Turnaround of the studies received since `since` (30 days before `now` by default). */
export async function triageTurnaround(
  db: Db,
  options: { since?: Date; now?: Date } = {},
): Promise<Turnaround> {
  const now = options.now ?? new Date();
  const since = options.since ?? new Date(now.getTime() - 30 * 24 * 60 * 60_000);
  const studies = await db.study.findMany({
    where: { createdAt: { gte: since } },
    select: { id: true, createdAt: true, aiFlagged: true, aiStatus: true },
  });
  const firstSigned = new Map(
    (
      await findInChunks(
        studies.map((s) => s.id),
        (ids) =>
          db.review.groupBy({
            by: ['studyId'],
            where: { studyId: { in: ids }, signedAt: { not: null } },
            _min: { signedAt: true },
          }),
      )
    ).flatMap((row) => (row._min.signedAt ? [[row.studyId, row._min.signedAt] as const] : [])),
  );
  const whenRead = await groupsWhenRead(db, firstSigned);
  const rows = studies.map((s) => ({
    createdAt: s.createdAt,
    firstSigned: firstSigned.get(s.id) ?? null,
    group: firstSigned.has(s.id) ? (whenRead.get(s.id) ?? 'notScored') : groupNow(s),
  }));
  const of = (key: AiGroup) =>
    group(
      rows.filter((row) => row.group === key),
      now,
    );
  return {
    since: since.toISOString(),
    flagged: of('flagged'),
    notFlagged: of('notFlagged'),
    notScored: of('notScored'),
  };
}
