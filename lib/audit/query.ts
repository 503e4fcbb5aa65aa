import { SecondlookError } from '../errors';
import type { Prisma } from '../store/generated/sqlite/client';

/** Which events an auditor asks for; every field narrows the set, none means all. */
export interface AuditFilter {
  /** inclusive lower bound on the event time */
  from?: Date;
  /** exclusive upper bound on the event time */
  to?: Date;
  /** the actor's username, exactly */
  user?: string;
  /** events about the study: its views, and events whose details name it (reviews, imports, inferences, failures) */
  study?: number;
  /** an event kind (`review.sign`), or a kind's family by its prefix (`review` for every `review.*`) */
  action?: string;
}

/** Parses a --from/--to or query value: an ISO 8601 date or date-time. */
function parseExportDate(value: string | undefined | null, name: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new SecondlookError(
      'BAD_DATE',
      `${name} is not an ISO 8601 date: ${JSON.stringify(value)}`,
    );
  }
  return date;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/** The filter of a query string: `from`, `to`, `user`, `study` (a study id) and `action`. */
export function parseAuditFilter(query: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {
    from: parseExportDate(query.get('from'), 'from'),
    to: parseExportDate(query.get('to'), 'to'),
  };
  const user = query.get('user')?.trim();
  if (user) filter.user = user;
  const study = query.get('study')?.trim();
  if (study) {
    const id = Number(study);
    if (!Number.isSafeInteger(id) || id < 1)
      throw new SecondlookError(
        'BAD_REQUEST',
        `study must be a study id, not ${JSON.stringify(study)}`,
      );
    filter.study = id;
  }
  const action = query.get('action')?.trim().toLowerCase();
  if (action) {
    if (!ACTION.test(action))
      throw new SecondlookError('BAD_REQUEST', `action must be an event kind such as review.sign`);
    filter.action = action;
  }
  return filter;
}

/**
 * The filter as a Prisma condition, meaning the same on SQLite and PostgreSQL. Details are
 * canonical JSON (sorted keys, no whitespace, lib/audit/canonical.ts), so `"studyId":7` followed
 * by `,` or `}` is exactly a top-level or nested studyId member of 7; kinds are lower case, so
 * SQLite's case-insensitive LIKE and PostgreSQL's agree.
 */
export function auditWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.from || filter.to) and.push({ at: { gte: filter.from, lt: filter.to } });
  if (filter.user) and.push({ actorName: filter.user });
  if (filter.action) {
    and.push({ OR: [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }] });
  }
  if (filter.study !== undefined) {
    const member = `"studyId":${filter.study}`;
    and.push({
      OR: [
        { subjectType: 'study', subjectId: String(filter.study) },
        { details: { contains: `${member},` } },
        { details: { contains: `${member}}` } },
      ],
    });
  }
  return { AND: and };
}
