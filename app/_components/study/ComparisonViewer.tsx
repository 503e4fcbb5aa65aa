'use client';

import { useEffect, useMemo, useState } from 'react';
import { comparisonViewerConfig } from '@/app/_config/viewer';
import { apiJson } from '../api-client';
import type { StackController } from '../viewer/stack-controller';
import Viewer from '../viewer/Viewer';
import type { ViewerStudy } from '../viewer/types';
import { toStudyOutline, toViewerStudy } from './to-viewer-study';
import type { StudyDetail } from './types';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | ViewerStudy;

/** Another study of the patient as the viewer takes it: `GET /api/studies/:id`, audited there. */
function useComparedStudy(studyId: string): Loaded {
  const [loaded, setLoaded] = useState<{ studyId: string; result: Loaded } | null>(null);
  useEffect(() => {
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

/**
 * Another study of the patient beside the one being read, in a viewer of its own that only
 * looks (window, pan, zoom, scroll; no measuring): the series of the modality on screen opens
 * first. Its overlay names that study's date, so the two are never confused. Linked, the two
 * viewports follow each other's window, zoom and pan, and scroll to the same level of the
 * patient (registered on the images on screen when linked: stack-controller.ts).
 */
export function ComparisonViewer({
  studyId,
  modality,
  linked,
  onLinkedChange,
  onController,
  onClose,
}: {
  studyId: string;
  /** The modality on screen in the study being read. */
  modality: string | null;
  linked: boolean;
  onLinkedChange: (linked: boolean) => void;
  onController: (controller: StackController | null) => void;
  onClose: () => void;
}) {
  const loaded = useComparedStudy(studyId);
  const study = 'series' in loaded ? loaded : null;
  const initialSeriesId = useMemo(
    () => study?.series.find((series) => series.modality === modality)?.id,
    [study, modality],
  );
  return (
    <section className="comparison" aria-label="Comparison study">
      <header className="comparison-header">
        <h2>
          Compared with{' '}
          {study
            ? `${study.studyDate || 'undated'} ${[...new Set(study.series.map((s) => s.modality))].join(', ')} ${study.description}`
            : `study ${studyId}`}
        </h2>
        <label>
          <input
            type="checkbox"
            checked={linked}
            onChange={(event) => onLinkedChange(event.target.checked)}
          />{' '}
          Link window, zoom and slices
        </label>
        <button type="button" onClick={onClose}>
          Close comparison
        </button>
      </header>
      {study ? (
        <Viewer
          key={study.id}
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
