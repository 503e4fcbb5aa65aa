import type { SessionUser } from '../auth/roles';
import { SecondlookError } from '../errors';
import { SCREENING_STATUSES, type ScreeningStatus } from './ai-summary';
import type { Db } from './db';
import type { Prisma } from './generated/sqlite/client';
import { loadStudies, toWorklistItem, type WorklistItem } from './worklist';
import { searchableText } from './worklist-keys';

/** The viewer's review state, as the worklist filters it. */
type ReviewFilter = 'unread' | 'read-by-me' | 'read-by-others' | 'discordant';

const REVIEW_FILTERS: readonly ReviewFilter[] = [
  'unread',
  'read-by-me',
  'read-by-others',
  'discordant',
];

export interface WorklistQuery {
  /** Found in the patient name, patient ID or description (see searchableText). */
  text?: string;
  /** A series of the study has this modality. */
  modality?: string;
  aiStatus?: ScreeningStatus;
  review?: ReviewFilter;
  flaggedOnly?: boolean;
  /** Inclusive study-date bounds, YYYY-MM-DD: a study without a date matches neither. */
  from?: string;
  to?: string;
  /** At most 500; 200 when not given. */
  limit?: number;
  offset?: number;
}

export interface WorklistPage {
  /** The page's studies in the default order: flagged first, most probable first, oldest first. */
  studies: WorklistItem[];
  /** Studies that match the filters, on every page. */
  total: number;
  offset: number;
  limit: number;
  /** Every modality in the store, for the modality filter's choices. */
  modalities: string[];
  /** Screening under way in the whole store (filters aside): studies pending and their series. */
  progress: { studies: number; screenedSeries: number; eligibleSeries: number };
  /** The flagged studies waiting for a first read, filters aside. */
  backlog: FlaggedBacklog;
}

/**
 * Flagged studies nobody has a standing signature on (in the whole store), when the oldest of
 * them arrived (what triage wants read first), and when the latest of their flags was raised (a
 * later value than at the last look means a flagged study came in since). Counts and times only.
 */
export interface FlaggedBacklog {
  flaggedUnread: number;
  oldestReceivedAt: string | null;
  latestFlaggedAt: string | null;
}

export async function flaggedBacklog(db: Db): Promise<FlaggedBacklog> {
  const backlog = await db.study.aggregate({
    where: { aiFlagged: true, reviews: { none: STANDING } },
    _count: { _all: true },
    _min: { createdAt: true },
    _max: { aiFlaggedAt: true },
  });
  return {
    flaggedUnread: backlog._count._all,
    oldestReceivedAt: backlog._min.createdAt?.toISOString() ?? null,
    latestFlaggedAt: backlog._max.aiFlaggedAt?.toISOString() ?? null,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], name: string) {
  if (value === null || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SecondlookError('BAD_QUERY', `${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function date(value: string | null, name: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (!DATE.test(value)) throw new SecondlookError('BAD_QUERY', `${name} must be YYYY-MM-DD`);
  return value;
}

function count(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new SecondlookError('BAD_QUERY', `${name} must be a whole number`);
  return n;
}

/**
 * A worklist query from its parameters by name (`q`, `modality`, `ai`, `review`, `flagged`,
 * `from`, `to`, `limit`, `offset`), as text; BAD_QUERY names a bad one.
 */
export function parseWorklistQuery(get: (name: string) => string | null): WorklistQuery {
  return {
    text: get('q') ?? undefined,
    modality: get('modality') || undefined,
    aiStatus: oneOf(get('ai'), SCREENING_STATUSES, 'ai'),
    review: oneOf(get('review'), REVIEW_FILTERS, 'review'),
    flaggedOnly: get('flagged') === 'true',
    from: date(get('from'), 'from'),
    to: date(get('to'), 'to'),
    limit: count(get('limit'), 'limit'),
    offset: count(get('offset'), 'offset'),
  };
}

/** A signed review that no amendment replaced. */
const STANDING = {
  signedAt: { not: null },
  amendedBy: { is: null },
} satisfies Prisma.ReviewWhereInput;

function reviewWhere(viewer: SessionUser, review: ReviewFilter): Prisma.StudyWhereInput {
  const mine = { readerId: viewer.id, ...STANDING };
  switch (review) {
    case 'unread':
      return { reviews: { none: STANDING } };
    case 'read-by-others':
      return {
        AND: [
          { reviews: { none: mine } },
          { reviews: { some: { readerId: { not: viewer.id }, ...STANDING } } },
        ],
      };
    case 'read-by-me':
      return {
        AND: [{ reviews: { some: mine } }, { reviews: { none: { ...mine, discordant: true } } }],
      };
    case 'discordant':
      return { reviews: { some: { ...mine, discordant: true } } };
  }
}

const dicomDate = (iso: string) => iso.replaceAll('-', '');

function worklistWhere(viewer: SessionUser, query: WorklistQuery): Prisma.StudyWhereInput {
  const text = searchableText(query.text ?? '');
  const and: Prisma.StudyWhereInput[] = [];
  if (text) and.push({ worklistText: { contains: text } });
  if (query.modality) and.push({ series: { some: { modality: query.modality } } });
  if (query.aiStatus) and.push({ aiStatus: query.aiStatus });
  if (query.flaggedOnly) and.push({ aiFlagged: true });
  if (query.review) and.push(reviewWhere(viewer, query.review));
  if (query.from || query.to) {
    and.push({ studyDate: { not: null } });
    if (query.from) and.push({ studyDate: { gte: dicomDate(query.from) } });
    if (query.to) and.push({ studyDate: { lte: dicomDate(query.to) } });
  }
  return { AND: and };
}

/** The page's rows, loaded whole, in the order of `ids`. */
async function itemsFor(db: Db, viewer: SessionUser, ids: number[]): Promise<WorklistItem[]> {
  const rows = new Map(
    (await loadStudies(db, viewer, { id: { in: ids } })).map((row) => [row.id, row]),
  );
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [toWorklistItem(row, viewer)] : [];
  });
}

/**
 * A page of the worklist for a reader, filtered, ordered and counted in the database (the
 * study rows' worklist keys), so its cost follows the page, not the archive.
 */
export async function listWorklist(
  db: Db,
  viewer: SessionUser,
  query: WorklistQuery = {},
): Promise<WorklistPage> {
  const where = worklistWhere(viewer, query);
  const limit = Math.min(500, Math.max(1, query.limit ?? 200));
  const offset = Math.max(0, query.offset ?? 0);
  const [page, total, modalities, pending, backlog] = await Promise.all([
    db.study.findMany({
      where,
      orderBy: { worklistOrder: 'asc' },
      skip: offset,
      take: limit,
      select: { id: true },
    }),
    db.study.count({ where }),
    db.series.findMany({
      where: { modality: { not: null } },
      distinct: ['modality'],
      select: { modality: true },
    }),
    db.study.aggregate({
      where: { aiStatus: 'pending' },
      _count: { _all: true },
      _sum: { aiScreenedSeries: true, aiEligibleSeries: true },
    }),
    flaggedBacklog(db),
  ]);
  return {
    studies: await itemsFor(
      db,
      viewer,
      page.map((study) => study.id),
    ),
    total,
    offset,
    limit,
    modalities: modalities.flatMap((series) => (series.modality ? [series.modality] : [])).sort(),
    progress: {
      studies: pending._count._all,
      screenedSeries: pending._sum.aiScreenedSeries ?? 0,
      eligibleSeries: pending._sum.aiEligibleSeries ?? 0,
    },
    backlog,
  };
}

/**
 * The study a reader should open after `studyId`: the next in the worklist's default order that
 * they have not signed, from the top once past the end; null when every other study is signed.
 */
export async function nextUnread(
  db: Db,
  viewer: SessionUser,
  studyId: number,
): Promise<WorklistItem | null> {
  const current = await db.study.findUnique({
    where: { id: studyId },
    select: { worklistOrder: true },
  });
  if (!current) throw new SecondlookError('NOT_FOUND', `no study ${studyId}`);
  const unread: Prisma.StudyWhereInput = {
    id: { not: studyId },
    reviews: { none: { readerId: viewer.id, ...STANDING } },
  };
  const first = (where: Prisma.StudyWhereInput) =>
    db.study.findFirst({ where, orderBy: { worklistOrder: 'asc' }, select: { id: true } });
  const next =
    (await first({ ...unread, worklistOrder: { gt: current.worklistOrder } })) ??
    (await first(unread));
  return next ? ((await itemsFor(db, viewer, [next.id]))[0] ?? null) : null;
}
