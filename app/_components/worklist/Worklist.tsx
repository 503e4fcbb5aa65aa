'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { apiJson } from '../api-client';
import { holdKeysForViewer } from '../viewer/keys-ahead';
import { StudyLink } from '../viewer/StudyLink';
import { toWorklistStudy, type WorklistPage } from './api-types';
import { AiStatusCell } from './AiStatusCell';
import { flaggedUnreadFilters, worklistHref, worklistQuery, type WorklistFilters } from './filters';
import { Pager } from './Pager';
import { AlertChoice } from './AlertChoice';
import type { AlertOwner } from './alert-choice';
import { TriageBacklog } from './TriageBacklog';
import { WorklistFilterBar } from './WorklistFilterBar';
import { aiStatusPollMs, idlePollMs, reviewStatusLabels, type WorklistStudy } from './types';

function reviewText(review: WorklistStudy['review']): string {
  const label = reviewStatusLabels[review.status];
  const counted =
    review.status === 'read-by-others' && review.othersSigned > 1
      ? `${label} (${review.othersSigned})`
      : label;
  const reading =
    review.othersReading.length > 0 ? `; being read by ${review.othersReading.join(', ')}` : '';
  const left =
    review.draftsLeft.length > 0 ? `; unsigned draft by ${review.draftsLeft.join(', ')}` : '';
  return `${counted}${reading}${left}`;
}

/** The flagged findings of a scored study; a dash when nothing was scored. */
function findingsText(ai: WorklistStudy['ai']): string {
  if (ai.flagged.length > 0) return ai.flagged.join(', ');
  return ai.screenedSeries > 0 ? 'none' : '–';
}

/**
 * How often to ask again: the soonest interval of the shown statuses and of screening under way,
 * and at least every `idlePollMs`.
 */
function pollIntervalOf(studies: WorklistStudy[], screening: boolean): number {
  const statuses = [
    ...studies.map((study) => study.ai.status),
    ...(screening ? ['pending' as const] : []),
  ];
  return Math.min(idlePollMs, ...statuses.flatMap((status) => aiStatusPollMs[status] ?? []));
}

/** The tab's title counts the flagged studies waiting for a first read, as a reader elsewhere sees it. */
function titleOf(flaggedUnread: number): string {
  return flaggedUnread > 0 ? `(${flaggedUnread}) Worklist · secondlook` : 'Worklist · secondlook';
}

/** The filters once they have stopped changing for `ms` (typing asks the server once). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The screening queue: a page of studies with their AI and review status, flagged first, most
 * probable first. The server filters, orders and pages the whole store; the page polls often
 * while screening is under way, now and then while a failed screening waits for its retry, and
 * every `idlePollMs` otherwise, so studies that arrive and reads signed elsewhere show without a
 * reload, and the tab's title counts the flagged studies waiting for a first read. Arrow keys
 * move the selection and Enter opens the study.
 */
export function Worklist({
  refreshKey,
  csrfToken,
  alertOwner,
  initialFilters,
}: {
  refreshKey: number;
  csrfToken: string;
  alertOwner: AlertOwner | null;
  initialFilters: WorklistFilters;
}) {
  const router = useRouter();
  const [page, setPage] = useState<WorklistPage | null>(null);
  const [asOf, setAsOf] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<WorklistFilters>(initialFilters);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState(0);
  const [tick, setTick] = useState(0);
  /** The next fetch is the page's own poll, not the reader's doing (it keeps no session alive). */
  const polled = useRef(false);
  const settled = useSettled(filters, 250);

  useEffect(() => {
    let live = true;
    const background = polled.current;
    polled.current = false;
    apiJson<WorklistPage>('/api/studies/query', {
      method: 'POST',
      body: worklistQuery(settled, offset),
      csrfToken,
      background,
    }).then(
      (body) => {
        if (!live) return;
        setPage(body);
        setAsOf(Date.now());
        setError(null);
      },
      (caught: unknown) => {
        if (live) setError(caught instanceof Error ? caught.message : 'the worklist failed');
      },
    );
    return () => {
      live = false;
    };
  }, [settled, offset, refreshKey, tick, csrfToken]);

  const rows = useMemo(() => (page?.studies ?? []).map(toWorklistStudy), [page]);
  const progress = page?.progress ?? { studies: 0, screenedSeries: 0, eligibleSeries: 0 };
  const pollMs = pollIntervalOf(rows, progress.studies > 0);
  const flaggedUnread = page?.backlog.flaggedUnread ?? 0;
  useEffect(() => {
    document.title = titleOf(flaggedUnread);
  }, [flaggedUnread]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      polled.current = true;
      setTick((n) => n + 1);
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [pollMs]);

  const current = Math.min(selected, Math.max(0, rows.length - 1));
  const changeFilters = (next: WorklistFilters) => {
    const href = worklistHref(next);
    if (href !== `${window.location.pathname}${window.location.search}`) {
      window.history.replaceState(null, '', href);
    }
    setFilters(next);
    setOffset(0);
    setSelected(0);
  };
  const turnTo = (next: number) => {
    setOffset(next);
    setSelected(0);
  };

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.key === 'ArrowDown' || event.key === 'j') {
      setSelected(Math.min(rows.length - 1, current + 1));
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      setSelected(Math.max(0, current - 1));
    } else if (event.key === 'Enter' && rows[current]) {
      holdKeysForViewer();
      router.push(`/studies/${rows[current].id}`);
    } else {
      return;
    }
    event.preventDefault();
  }

  return (
    <section aria-labelledby="worklist-heading">
      <h2 id="worklist-heading">Worklist</h2>
      <WorklistFilterBar
        filters={filters}
        modalities={page?.modalities ?? []}
        onChange={changeFilters}
      />
      {page ? (
        <TriageBacklog
          backlog={page.backlog}
          asOf={asOf}
          onShow={() => changeFilters(flaggedUnreadFilters)}
        />
      ) : null}
      {alertOwner ? <AlertChoice owner={alertOwner} csrfToken={csrfToken} /> : null}
      {progress.studies > 0 ? (
        <p role="status" data-testid="screening-progress">
          Screening in progress: {progress.studies} {progress.studies === 1 ? 'study' : 'studies'}{' '}
          pending, {progress.screenedSeries} of {progress.eligibleSeries} series screened
        </p>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {page === null ? <p role="status">Loading…</p> : null}
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
                <StudyLink studyId={study.id}>{study.patientName || '(no name)'}</StudyLink>
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
      {page !== null && rows.length === 0 ? <p>No studies match.</p> : null}
      {page !== null && page.total > 0 ? <Pager page={page} onTurn={turnTo} /> : null}
    </section>
  );
}
