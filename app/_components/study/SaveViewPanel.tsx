'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { Measurement } from '@/lib/review';
import { ApiError, apiJson } from '../api-client';
import type { StackController } from '../viewer/stack-controller';
import type { ViewerSeries } from '../viewer/types';

/**
 * Saves the reader's view of the series on screen (window, sense, rotation, flip, and the
 * measurements on its images) as a presentation state in the study, which this viewer and any
 * PACS viewer show again (`POST /api/studies/:id/presentation-states`). The study's series list
 * then shows it.
 */
export function SaveViewPanel({
  studyId,
  series,
  controller,
  measurements,
  csrfToken,
}: {
  studyId: number;
  series: ViewerSeries | null;
  controller: StackController | null;
  /** The reader's measurements, or null while they are not known. */
  measurements: Measurement[] | null;
  csrfToken: string;
}) {
  const router = useRouter();
  const [label, setLabel] = useState('KEY VIEW');
  const [description, setDescription] = useState('');
  const [saving, setSaving] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);
  const images = series?.content === 'images' ? series : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const view = controller?.viewOnScreen();
    if (!images || !view) return;
    const ours = new Set(images.images.map((image) => Number(image.instanceId)));
    setSaving(true);
    setSaid(null);
    try {
      await apiJson(`/api/studies/${studyId}/presentation-states`, {
        method: 'POST',
        csrfToken,
        body: {
          seriesId: Number(images.id),
          label,
          description,
          ...view,
          measurements: (measurements ?? []).filter((one) => ours.has(one.instanceId)),
        },
      });
      setSaid({
        text: `Saved as presentation state ${label.trim().toUpperCase()}.`,
        failed: false,
      });
      router.refresh();
    } catch (error) {
      const text = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
      setSaid({ text, failed: true });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="save-view" aria-label="Save view">
      <h2>Save view</h2>
      <form onSubmit={(event) => void save(event)}>
        <label>
          Label
          <input value={label} maxLength={16} onChange={(event) => setLabel(event.target.value)} />
        </label>
        <label>
          Description
          <input
            value={description}
            maxLength={64}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
        <button type="submit" disabled={!images || !controller || saving || measurements === null}>
          Save this view
        </button>
      </form>
      {!images ? <p className="muted">Show a series of images to save its view.</p> : null}
      {said ? <p role={said.failed ? 'alert' : 'status'}>{said.text}</p> : null}
    </section>
  );
}
