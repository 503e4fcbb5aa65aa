/**
 * The worklist's order and filters as pure functions. Default order: studies with flagged
 * findings first, by highest calibrated probability (descending), then oldest first.
 */
import type { AiStatus, ReviewStatus, WorklistStudy } from './types';

function dateKey(study: WorklistStudy): string {
  return study.studyDate ?? study.receivedAt;
}

export function compareWorklist(a: WorklistStudy, b: WorklistStudy): number {
  const flaggedA = a.ai.flagged.length > 0;
  const flaggedB = b.ai.flagged.length > 0;
  if (flaggedA !== flaggedB) return flaggedA ? -1 : 1;
  const probabilityA = a.ai.maxProbability ?? -1;
  const probabilityB = b.ai.maxProbability ?? -1;
  if (probabilityA !== probabilityB) return probabilityB - probabilityA;
  return dateKey(a).localeCompare(dateKey(b)) || a.id.localeCompare(b.id);
}

export interface WorklistFilters {
  /** Matched against patient name, patient ID and description, case-insensitively. */
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

/** Case, spacing and name punctuation (`,` and DICOM's `^` and `=`) do not matter to the text filter. */
const searchable = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s,^=]+/g, ' ')
    .trim();

export function matchesFilters(study: WorklistStudy, filters: WorklistFilters): boolean {
  const text = searchable(filters.text);
  if (
    text &&
    ![study.patientName, study.patientId, study.description].some((field) =>
      searchable(field).includes(text),
    )
  ) {
    return false;
  }
  if (filters.modality && !study.modalities.includes(filters.modality)) return false;
  if (filters.aiStatus && study.ai.status !== filters.aiStatus) return false;
  if (filters.reviewStatus && study.review.status !== filters.reviewStatus) return false;
  if (filters.flaggedOnly && study.ai.flagged.length === 0) return false;
  const date = study.studyDate ?? '';
  if (filters.from && date < filters.from) return false;
  if (filters.to && date > filters.to) return false;
  return true;
}

export function orderWorklist(studies: WorklistStudy[], filters: WorklistFilters): WorklistStudy[] {
  return studies.filter((study) => matchesFilters(study, filters)).sort(compareWorklist);
}

/** Whether this reader has yet to sign a review of the study (others may have). */
const unreadByMe = (study: WorklistStudy) =>
  study.review.status === 'unread' || study.review.status === 'read-by-others';

/**
 * The study to read after `currentId`: the next one in the worklist's default order that this
 * reader has not signed, after the current one's place and then from the top; null when every
 * other study is read.
 */
export function nextToRead(studies: WorklistStudy[], currentId: string): WorklistStudy | null {
  const ordered = [...studies].sort(compareWorklist);
  const at = ordered.findIndex((study) => study.id === currentId);
  const after = [...ordered.slice(at + 1), ...ordered.slice(0, Math.max(at, 0))];
  return after.find((study) => study.id !== currentId && unreadByMe(study)) ?? null;
}
