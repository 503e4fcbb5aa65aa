'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { apiJson } from '../api-client';
import { toWorklistStudy, type WorklistItem } from './api-types';
import { AiStatusCell } from './AiStatusCell';
import { WorklistFilterBar } from './WorklistFilterBar';
import { noFilters, orderWorklist, type WorklistFilters } from './order';
import { aiStatusPollMs, reviewStatusLabels, type WorklistStudy } from './types';

function reviewText(review: WorklistStudy['review']): string {
  const label = reviewStatusLabels[review.status];
  return review.status === 'read-by-others' && review.othersSigned > 1
    ? `${label} (${review.othersSigned})`
    : label;
}

/** The flagged findings of a scored study; a dash when nothing was scored. */
function findingsText(ai: WorklistStudy['ai']): string {
  if (ai.flagged.length > 0) return ai.flagged.join(', ');
  return ai.screenedSeries > 0 ? 'none' : '–';
}

/** Series screened and eligible over the studies still being screened. */
function progressOf(studies: WorklistStudy[]) {
  const pending = studies.filter((study) => study.ai.status === 'pending');
  return {
    studies: pending.length,
    screened: pending.reduce((sum, study) => sum + study.ai.screenedSeries, 0),
    eligible: pending.reduce((sum, study) => sum + study.ai.eligibleSeries, 0),
  };
}

/** How often to ask again: the soonest of the shown statuses' intervals, null when none has one. */
function pollIntervalOf(studies: WorklistStudy[]): number | null {
  const intervals = studies.flatMap((study) => aiStatusPollMs[study.ai.status] ?? []);
  return intervals.length > 0 ? Math.min(...intervals) : null;
}

/**
 * The screening queue: every study with its AI and review status, flagged first. Polls while
 * screening is under way or a failed screening waits for its retry; arrow keys move the
 * selection and Enter opens the study.
 */
export function Worklist({ refreshKey }: { refreshKey: number }) {
  const router = useRouter();
  const [studies, setStudies] = useState<WorklistStudy[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<WorklistFilters>(noFilters);
  const [selected, setSelected] = useState(0);

  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    apiJson<{ studies: WorklistItem[] }>('/api/studies').then(
      (body) => {
        if (!live) return;
        setStudies(body.studies.map(toWorklistStudy));
        setError(null);
      },
      (caught: unknown) => {
        if (live) setError(caught instanceof Error ? caught.message : 'the worklist failed');
      },
    );
    return () => {
      live = false;
    };
  }, [refreshKey, tick]);

  const progress = progressOf(studies ?? []);
  const pending = progress.studies > 0;
  const pollMs = pollIntervalOf(studies ?? []);
  useEffect(() => {
    if (pollMs === null) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), pollMs);
    return () => window.clearInterval(timer);
  }, [pollMs]);

  const rows = useMemo(() => orderWorklist(studies ?? [], filters), [studies, filters]);
  const modalities = useMemo(
    () => [...new Set((studies ?? []).flatMap((study) => study.modalities))].sort(),
    [studies],
  );
  const current = Math.min(selected, Math.max(0, rows.length - 1));

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.key === 'ArrowDown' || event.key === 'j') {
      setSelected(Math.min(rows.length - 1, current + 1));
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      setSelected(Math.max(0, current - 1));
    } else if (event.key === 'Enter' && rows[current]) {
      router.push(`/studies/${rows[current].id}`);
    } else {
      return;
    }
    event.preventDefault();
  }

  return (
    <section aria-labelledby="worklist-heading">
      <h2 id="worklist-heading">Worklist</h2>
      <WorklistFilterBar filters={filters} modalities={modalities} onChange={setFilters} />
      {pending ? (
        <p role="status" data-testid="screening-progress">
          Screening in progress: {progress.studies} {progress.studies === 1 ? 'study' : 'studies'}{' '}
          pending, {progress.screened} of {progress.eligible} series screened
        </p>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {studies === null ? <p role="status">Loading…</p> : null}
      <table aria-label="Studies">
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Study date</th>
            <th scope="col">Description</th>
            <th scope="col">Modality</th>
            <th scope="col">Series</th>
            <th scope="col">AI status</th>
            <th scope="col">Highest probability</th>
            <th scope="col">Findings</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody tabIndex={0} onKeyDown={onKeyDown} aria-label="Studies, arrow keys to move">
          {rows.map((study, index) => (
            <tr
              key={study.id}
              aria-selected={index === current}
              data-study-id={study.id}
              onClick={() => setSelected(index)}
            >
              <td>
                <Link href={`/studies/${study.id}`}>{study.patientName || '(no name)'}</Link>
                <div className="muted">{study.patientId}</div>
              </td>
              <td>{study.studyDate ?? '–'}</td>
              <td>{study.description}</td>
              <td>{study.modalities.join(', ')}</td>
              <td>{study.seriesCount}</td>
              <td>
                <AiStatusCell ai={study.ai} />
              </td>
              <td>{study.ai.maxProbability === null ? '–' : study.ai.maxProbability.toFixed(3)}</td>
              <td>{findingsText(study.ai)}</td>
              <td>{reviewText(study.review)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {studies !== null && rows.length === 0 ? <p>No studies match.</p> : null}
    </section>
  );
}
