/**
 * The worklist's filters as the filter bar holds them, and the `POST /api/studies/query` body
 * that asks the server for one page of them (the server filters, orders and pages; the search
 * text goes in a body, never in a URL).
 */
import type { AiStatus, ReviewStatus } from './types';

export interface WorklistFilters {
  /** Found in patient name, patient ID or description, whatever the case, commas or `^`. */
  text: string;
  modality: string;
  aiStatus: AiStatus | '';
  reviewStatus: ReviewStatus | '';
  flaggedOnly: boolean;
  /** Inclusive study-date bounds, YYYY-MM-DD; empty for none. */
  from: string;
  to: string;
}

export const noFilters: WorklistFilters = {
  text: '',
  modality: '',
  aiStatus: '',
  reviewStatus: '',
  flaggedOnly: false,
  from: '',
  to: '',
};

/** What triage reads first: the flagged studies nobody has signed. */
export const flaggedUnreadFilters: WorklistFilters = {
  ...noFilters,
  flaggedOnly: true,
  reviewStatus: 'unread',
};

/**
 * The worklist showing them, as a link (the header's count, a desktop alert): a named view, not
 * the filters themselves, so no search text ever stands in a URL.
 */
export const flaggedUnreadHref = '/worklist?flagged=unread';

/**
 * The address of the worklist showing `filters`: the named view while they are exactly its
 * filters, else the plain worklist (a reload shows what the reader chose, never a view they left).
 */
export function worklistHref(filters: WorklistFilters): string {
  const named = (Object.keys(noFilters) as (keyof WorklistFilters)[]).every(
    (key) => filters[key] === flaggedUnreadFilters[key],
  );
  return named ? flaggedUnreadHref : '/worklist';
}

/** Rows per page. */
const PAGE_SIZE = 100;

/** The request body for one page: only the filters that are set. */
export function worklistQuery(
  filters: WorklistFilters,
  offset: number,
): Record<string, string | number | boolean> {
  const body: Record<string, string | number | boolean> = { limit: PAGE_SIZE, offset };
  const set = (name: string, value: string | boolean) => {
    if (value) body[name] = value;
  };
  set('q', filters.text.trim());
  set('modality', filters.modality);
  set('ai', filters.aiStatus);
  set('review', filters.reviewStatus);
  set('flagged', filters.flaggedOnly);
  set('from', filters.from);
  set('to', filters.to);
  return body;
}
