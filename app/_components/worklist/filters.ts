/**
 * The worklist's filters as the filter bar holds them, and the `GET /api/studies` query that
 * asks the server for one page of them (the server filters, orders and pages).
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

/** Rows per page. */
export const PAGE_SIZE = 100;

/** The query string for one page: only the filters that are set. */
export function worklistQuery(filters: WorklistFilters, offset: number): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string) => {
    if (value) params.set(name, value);
  };
  set('q', filters.text.trim());
  set('modality', filters.modality);
  set('ai', filters.aiStatus);
  set('review', filters.reviewStatus);
  set('flagged', filters.flaggedOnly ? 'true' : '');
  set('from', filters.from);
  set('to', filters.to);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(offset));
  return params.toString();
}
