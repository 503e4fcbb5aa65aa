import { SecondlookError } from '../errors';
import type { Db } from '../store/db';
import type { AuditEvent } from '../store/generated/sqlite/client';
import { audited } from './append';
import { canonicalTimestamp } from './canonical';
import { auditWhere, type AuditFilter } from './query';

export type ExportFormat = 'csv' | 'json';

/** The events to export (all when no filter field is set) and how. */
export interface ExportRequest extends AuditFilter {
  format: ExportFormat;
  actor: { id: number | null; name: string | null };
}

export interface AuditExport {
  format: ExportFormat;
  contentType: string;
  events: number;
  body: string;
}

const COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'action',
  'subjectType',
  'subjectId',
  'details',
  'contentHash',
  'prevHash',
  'hash',
] as const;

export function parseExportFormat(value: string | undefined | null): ExportFormat {
  if (value === undefined || value === null || value === 'json') return 'json';
  if (value === 'csv') return 'csv';
  throw new SecondlookError(
    'BAD_FORMAT',
    `format must be csv or json, not ${JSON.stringify(value)}`,
  );
}

/**
 * The events that match the filter (time range [from, to), user, study, kind) with their hashes,
 * so an auditor can re-verify the chain outside secondlook (a filtered export holds a subset:
 * each event's own hashes still check). The export itself is recorded as an audit event, with
 * its filter, in the same transaction.
 */
export async function exportAuditEvents(db: Db, request: ExportRequest): Promise<AuditExport> {
  return audited(db, async (tx) => {
    const rows = await tx.auditEvent.findMany({
      where: auditWhere(request),
      orderBy: { seq: 'asc' },
    });
    const body = request.format === 'csv' ? toCsv(rows) : toJson(rows);
    return {
      result: {
        format: request.format,
        contentType: request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
        events: rows.length,
        body,
      },
      event: {
        action: 'audit.export',
        actorId: request.actor.id,
        actorName: request.actor.name,
        details: {
          format: request.format,
          from: request.from ? canonicalTimestamp(request.from) : null,
          to: request.to ? canonicalTimestamp(request.to) : null,
          user: request.user,
          study: request.study,
          action: request.action,
          events: rows.length,
        },
      },
    };
  });
}

function cells(row: AuditEvent): (string | number | null)[] {
  return COLUMNS.map((column) => (column === 'at' ? canonicalTimestamp(row.at) : row[column]));
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(rows: AuditEvent[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(cells(row).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function toJson(rows: AuditEvent[]): string {
  const events = rows.map((row) =>
    Object.fromEntries(COLUMNS.map((column, i) => [column, cells(row)[i]])),
  );
  return `${JSON.stringify({ events }, null, 2)}\n`;
}
