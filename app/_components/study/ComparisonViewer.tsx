'use client';

import { useEffect, useMemo, useState } from 'react';
import { comparisonViewerConfig } from '@/app/_config/viewer';
import { apiJson } from '../api-client';
import type { SliceLinkMode } from '../viewer/slice-link';
import type { StackController } from '../viewer/stack-controller';
import Viewer from '../viewer/Viewer';
import type { ViewerStudy } from '../viewer/types';
import { toStudyOutline, toViewerStudy } from './to-viewer-study';
import type { StudyDetail } from './types';
import type { Compared } from './use-comparison';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | ViewerStudy;

/** Another study of the patient as the viewer takes it: `GET /api/studies/:id`, audited there; none for null. */
function useComparedStudy(studyId: string | null): Loaded {
  const [loaded, setLoaded] = useState<{ studyId: string; result: Loaded } | null>(null);
  useEffect(() => {
    if (studyId === null) return;
    const abort = new AbortController();
    apiJson<StudyDetail>(`/api/studies/${studyId}`, { signal: abort.signal })
      .then((detail) => setLoaded({ studyId, result: toViewerStudy(toStudyOutline(detail)) }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setLoaded({ studyId, result: { state: 'failed', message } });
      });
    return () => abort.abort();
  }, [studyId]);
  return loaded?.studyId === studyId ? loaded.result : { state: 'loading' };
}

const sliceLinkWords: Record<SliceLinkMode, string> = {
  position: 'Slices follow by position (one frame of reference)',
  registration:
    'Slices follow by level, from the images on screen when linked (two frames of reference)',
  reference: 'Slices do not follow: the stacks cross in one frame of reference',
  crossing: 'Slices do not follow: the stacks cross',
  unplaced: 'Slices do not follow: a series has no slice positions',
};

/** A checkbox with its label, for the comparison's header. */
function Toggle({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label>
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />{' '}
      {label}
    </label>
  );
}

/**
 * Another study of the patient, or another series of this study, beside the one being read, in
 * a viewer of its own that only looks (window, pan, zoom, scroll; no measuring). Another study
 * opens on its series of the modality on screen, and its overlay names that study's date, so the
 * two are never confused. Linked slices scroll to the same level of the patient (by position in
 * one frame of reference, else registered on the images on screen when linked:
 * stack-controller.ts), which the header says; linked window and zoom follow each other's.
 * Where the two images cross in one frame of reference, each shows where the other's cuts it
 * (reference lines), linked or not, unless the reader turns them off.
 */
export function ComparisonViewer({
  compared,
  thisStudy,
  modality,
  linkedSlices,
  onLinkedSlicesChange,
  linkedViews,
  onLinkedViewsChange,
  referenceLines,
  onReferenceLinesChange,
  sliceLinkMode,
  onController,
  onClose,
}: {
  compared: Compared;
  /** The study being read, when `compared` is another series of it: not fetched again. */
  thisStudy: ViewerStudy | null;
  /** The modality on screen in the study being read. */
  modality: string | null;
  linkedSlices: boolean;
  onLinkedSlicesChange: (linked: boolean) => void;
  linkedViews: boolean;
  onLinkedViewsChange: (linked: boolean) => void;
  referenceLines: boolean;
  onReferenceLinesChange: (shown: boolean) => void;
  sliceLinkMode: SliceLinkMode | null;
  onController: (controller: StackController | null) => void;
  onClose: () => void;
}) {
  const loaded = useComparedStudy(thisStudy ? null : compared.studyId);
  const study = thisStudy ?? ('series' in loaded ? loaded : null);
  const initialSeriesId = useMemo(
    () => compared.seriesId ?? study?.series.find((series) => series.modality === modality)?.id,
    [compared.seriesId, study, modality],
  );
  return (
    <section className="comparison" aria-label="Comparison study">
      <header className="comparison-header">
        <h2>
          {thisStudy
            ? 'Beside: another series of this study'
            : study
              ? `Compared with ${study.studyDate || 'undated'} ${[...new Set(study.series.map((s) => s.modality))].join(', ')} ${study.description}`
              : `Compared with study ${compared.studyId}`}
        </h2>
        <Toggle label="Link slices" checked={linkedSlices} onChange={onLinkedSlicesChange} />
        <Toggle label="Link window and zoom" checked={linkedViews} onChange={onLinkedViewsChange} />
        <Toggle
          label="Reference lines"
          checked={referenceLines}
          onChange={onReferenceLinesChange}
        />
        <button type="button" onClick={onClose}>
          Close comparison
        </button>
        {linkedSlices && sliceLinkMode ? (
          <p className="muted" data-testid="slice-link">
            {sliceLinkWords[sliceLinkMode]}
          </p>
        ) : null}
      </header>
      {study ? (
        <Viewer
          key={`${study.id}:${initialSeriesId ?? ''}`}
          study={study}
          label="Comparison viewport"
          initialSeriesId={initialSeriesId}
          config={comparisonViewerConfig}
          onController={onController}
        />
      ) : 'message' in loaded ? (
        <p role="alert">{loaded.message}</p>
      ) : (
        <p className="muted">Opening the study…</p>
      )}
    </section>
  );
}
