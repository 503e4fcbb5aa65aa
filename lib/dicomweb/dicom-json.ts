/**
 * Reading the DICOM JSON model (PS3.18 F.2) that QIDO-RS answers with: each attribute is keyed by
 * its tag as 8 upper-case hex digits and holds `{ vr, Value: [...] }`.
 */
export type DicomJsonDataset = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** The first value of an attribute as a string (a person name's Alphabetic group), or null. */
export function stringOf(dataset: DicomJsonDataset, tag: string): string | null {
  const first = dataset[tag]?.Value?.[0];
  if (typeof first === 'string') return first;
  if (typeof first === 'number') return String(first);
  if (first && typeof first === 'object' && 'Alphabetic' in first) {
    const alphabetic = (first as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' ? alphabetic : null;
  }
  return null;
}

/** The first value of an attribute as a finite number (IS and DS may arrive as strings), or null. */
export function numberOf(dataset: DicomJsonDataset, tag: string): number | null {
  const first = dataset[tag]?.Value?.[0];
  const value = typeof first === 'string' ? Number(first) : first;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const TAGS = {
  modality: '00080060',
  studyDate: '00080020',
  studyInstanceUID: '0020000D',
  seriesInstanceUID: '0020000E',
  sopInstanceUID: '00080018',
  numberOfStudyRelatedInstances: '00201208',
} as const;
