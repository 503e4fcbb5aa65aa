/** The audit routes' shapes (app/api/README.md). */
export interface AuditEventView {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | number | null;
  details: Record<string, unknown> | null;
  hash: string;
}

export interface ChainStatus {
  ok: boolean;
  events: number;
  firstBadEvent: { seq: number; reason: string } | null;
  headHash: string | null;
}

export interface AuditFilters {
  user: string;
  study: string;
  action: string;
  from: string;
  to: string;
}

export const noAuditFilters: AuditFilters = { user: '', study: '', action: '', from: '', to: '' };

/**
 * The query the events and export routes filter by: the time range, the user (username), the
 * study (its id) and the kind (`review.sign`, or `review` for every review event).
 */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (filters.from) params.set('from', new Date(filters.from).toISOString());
  if (filters.to) params.set('to', new Date(filters.to).toISOString());
  if (filters.user) params.set('user', filters.user);
  if (filters.study) params.set('study', filters.study);
  if (filters.action) params.set('action', filters.action);
  return params.toString();
}
