/** `GET /api/studies/:id` as app/api/README.md defines it (the fields the study page reads). */
import type { FrameGeometry } from '@/lib/dicom';
import type { Finding, OutOfScopeReason, ProviderReport } from '@/lib/inference';
import type { ViewerSeries, ViewerStudy } from '../viewer/types';
import { toWorklistStudy, type WorklistItem } from '../worklist/api-types';
import type { WorklistStudy } from '../worklist/types';

export interface InferenceView {
  id: number;
  seriesId: number;
  model: { name: string; version: string; sha256: string };
  /** Null when no model ran (a blocking out-of-scope reason). */
  provider: string | ProviderReport | null;
  inputSha256: string;
  /** Null when an out-of-scope reason blocked scoring. */
  probabilities: Record<string, number> | null;
  findings: Finding[];
  timings: Record<string, number>;
  startedAt: string;
  finishedAt: string;
  /** The instance and 1-based frame screened; null when the server cannot tell. */
  instanceId: number | null;
  frame: number | null;
  /** Why scoring was blocked or is advisory. */
  outOfScope: OutOfScopeReason[];
  /** When the result went to the PACS as a Secondary Capture; null when it did not. */
  sentToPacs: {
    sentAt: string;
    seriesInstanceUID: string;
    reportSeriesInstanceUID: string | null;
  } | null;
}

export interface InstanceView {
  id: number;
  sopInstanceUID: string;
  instanceNumber: number | null;
  /** An SR Storage class (1.2.840.10008.5.1.4.1.1.88.x) is a report, shown as text. */
  sopClassUID: string | null;
  numberOfFrames: number | null;
  rows: number | null;
  columns: number | null;
  imagePositionPatient: number[] | null;
  imageOrientationPatient: number[] | null;
  pixelSpacing: number[] | null;
  /** Where a multi-frame instance's frames lie; null for one frame, or not read yet. */
  frameGeometry: FrameGeometry | null;
  /** Image Type (0008,0008) values; null when not read yet (stored by an older version). */
  imageType: string[] | null;
  sha256: string;
  url: string;
}

export interface SeriesView {
  id: number;
  seriesInstanceUID: string;
  modality: string | null;
  seriesNumber: number | null;
  seriesDescription: string | null;
  instances: InstanceView[];
}

export type StudyDetail = WorklistItem & {
  studyInstanceUID: string;
  series: SeriesView[];
  inferences: InferenceView[];
  /** The patient's other studies, newest first. */
  otherStudies: WorklistItem[];
};

/** One image of a series as the study page sends it: [instance id, 1-based frame, Instance Number]. */
export type OutlineFrame = [number, number, number | null];

/**
 * The viewer's study as the study page sends it: each series' images as `OutlineFrame`s in
 * display order (see to-viewer-study.ts).
 */
export interface StudyOutline extends Omit<ViewerStudy, 'series'> {
  series: (Omit<ViewerSeries, 'images'> & { frames: OutlineFrame[] })[];
}

/**
 * What the reading screen keeps of the study on the client beyond the viewer's study: its id,
 * each instance's id and sha256 (recorded with a browser run) and the inferences. The study page sends only this, not the whole `StudyDetail`.
 */
export interface WorkspaceDetail {
  studyId: number;
  series: { id: number; instances: Pick<InstanceView, 'id' | 'sha256'>[] }[];
  inferences: InferenceView[];
  otherStudies: WorklistStudy[];
  /** Other readers with an unsigned draft of this study, and since when. */
  othersReading: WorklistItem['othersReading'];
}

export function toWorkspaceDetail(detail: StudyDetail): WorkspaceDetail {
  return {
    studyId: detail.studyId,
    series: detail.series.map((series) => ({
      id: series.id,
      instances: series.instances.map(({ id, sha256 }) => ({ id, sha256 })),
    })),
    inferences: detail.inferences,
    otherStudies: detail.otherStudies.map(toWorklistStudy),
    othersReading: detail.othersReading,
  };
}

/** The provider's name whichever way the route reports it. */
export function providerName(provider: InferenceView['provider']): string {
  if (provider === null) return 'not run';
  return typeof provider === 'string' ? provider : `${provider.runtime} · ${provider.name}`;
}

/** The latest inference of a series, or null. */
export function latestInference(
  detail: Pick<StudyDetail, 'inferences'>,
  seriesId: string,
): InferenceView | null {
  return (
    detail.inferences
      .filter((inference) => String(inference.seriesId) === seriesId)
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0] ?? null
  );
}

/** Whether `inference` scored the given frame of the given instance. */
export function scoredImage(
  inference: InferenceView,
  instance: Pick<InstanceView, 'id'> | undefined,
  frame: number,
): boolean {
  return (
    instance !== undefined && inference.instanceId === instance.id && inference.frame === frame
  );
}
