'use client';

import { useEffect, useState } from 'react';
import { apiJson } from '../api-client';
import { toWorklistStudy, type WorklistItem } from '../worklist/api-types';
import type { WorklistStudy } from '../worklist/types';
import { StudyLink } from '../viewer/StudyLink';

/**
 * For a reader, the study to open after this one: the next in the worklist's order that they
 * have not signed (`GET /api/studies/:id/next`). Asked once the page is up, so the study's own
 * first image never waits for it.
 */
export function NextUnreadLink({
  studyId,
  onFound,
}: {
  studyId: number;
  /** Told the next study's id once known (the `n` hotkey goes there). */
  onFound: (id: string | null) => void;
}) {
  const [next, setNext] = useState<WorklistStudy | null>(null);
  useEffect(() => {
    let current = true;
    apiJson<{ study: WorklistItem | null }>(`/api/studies/${studyId}/next`).then(
      ({ study }) => {
        if (!current) return;
        const found = study ? toWorklistStudy(study) : null;
        setNext(found);
        onFound(found?.id ?? null);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [studyId, onFound]);
  if (!next) return null;
  return (
    <nav aria-label="Reading order">
      <StudyLink studyId={next.id} data-testid="next-unread">
        Next unread: {next.patientName || '(no name)'} › <kbd>n</kbd>
      </StudyLink>
    </nav>
  );
}
