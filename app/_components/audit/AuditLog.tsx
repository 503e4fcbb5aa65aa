'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { apiJson } from '../api-client';
import {
  auditQuery,
  noAuditFilters,
  type AuditEventView,
  type AuditFilters,
  type ChainStatus,
} from './types';

/** Events per page: a long trail is read a page at a time, never all at once. */
const auditPageSize = 200;

interface EventPage {
  events: AuditEventView[];
  /** Where the next page starts; null once the last matching event is shown. */
  nextAfterSeq: number | null;
}

/** One page of the events that match the filters (the route filters), oldest first. */
async function fetchPage(filters: AuditFilters, afterSeq: number): Promise<EventPage> {
  const query = auditQuery(filters, { afterSeq: String(afterSeq), limit: String(auditPageSize) });
  const body: EventPage = await apiJson(`/api/audit/events?${query}`);
  return { events: body.events, nextAfterSeq: body.events.length === 0 ? null : body.nextAfterSeq };
}

function ChainLine({ status }: { status: ChainStatus | null }) {
  if (!status) return <p role="status">Verifying the chain…</p>;
  return (
    <p role="status" data-testid="chain-status" className={status.ok ? '' : 'danger'}>
      {status.ok
        ? `Chain intact: ${status.events} events, head ${status.headHash?.slice(0, 16) ?? '–'}`
        : `Chain broken at event ${status.firstBadEvent?.seq}: ${status.firstBadEvent?.reason}`}
    </p>
  );
}

/** The audit trail with filters, the chain's verification and export links. */
export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilters>(noAuditFilters);
  const [shown, setShown] = useState<EventPage | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [status, setStatus] = useState<ChainStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchPage(filters, 0).then(
      (page) => {
        if (!live) return;
        setShown(page);
        setError(null);
      },
      (caught: unknown) => {
        if (live) setError(caught instanceof Error ? caught.message : 'events could not be loaded');
      },
    );
    return () => {
      live = false;
    };
  }, [filters]);

  useEffect(() => {
    apiJson<ChainStatus>('/api/audit/verify').then(setStatus, (caught: unknown) =>
      setError(caught instanceof Error ? caught.message : 'the chain could not be verified'),
    );
  }, []);

  function loadMore() {
    if (shown?.nextAfterSeq == null) return;
    setLoadingMore(true);
    fetchPage(filters, shown.nextAfterSeq)
      .then(
        (page) =>
          setShown({ events: [...shown.events, ...page.events], nextAfterSeq: page.nextAfterSeq }),
        (caught: unknown) =>
          setError(caught instanceof Error ? caught.message : 'events could not be loaded'),
      )
      .finally(() => setLoadingMore(false));
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: keyof AuditFilters) => String(form.get(name) ?? '').trim();
    setFilters({
      user: value('user'),
      study: value('study'),
      action: value('action'),
      from: value('from'),
      to: value('to'),
    });
  }

  return (
    <>
      <ChainLine status={status} />
      <form className="filter-bar" role="search" aria-label="Filter events" onSubmit={apply}>
        <label>
          User
          <input name="user" defaultValue={filters.user} />
        </label>
        <label>
          Study
          <input name="study" inputMode="numeric" defaultValue={filters.study} placeholder="id" />
        </label>
        <label>
          Kind
          <input name="action" defaultValue={filters.action} placeholder="e.g. review.sign" />
        </label>
        <label>
          From
          <input name="from" type="datetime-local" defaultValue={filters.from} />
        </label>
        <label>
          To
          <input name="to" type="datetime-local" defaultValue={filters.to} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <p>
        Export:{' '}
        <a href={`/api/audit/export?${auditQuery(filters, { format: 'csv' })}`} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={`/api/audit/export?${auditQuery(filters, { format: 'json' })}`} download>
          JSON
        </a>
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <table aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Kind</th>
            <th scope="col">Subject</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {(shown?.events ?? []).map((event) => (
            <tr key={event.seq}>
              <td>{event.seq}</td>
              <td>{new Date(event.at).toLocaleString()}</td>
              <td>{event.actorName ?? '–'}</td>
              <td>{event.action}</td>
              <td>{event.subjectType ? `${event.subjectType} ${event.subjectId ?? ''}` : '–'}</td>
              <td>
                <code>{event.details ? JSON.stringify(event.details) : ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown?.events.length === 0 ? <p>No events match.</p> : null}
      {shown && shown.events.length > 0 ? (
        <p data-testid="events-shown">
          {shown.nextAfterSeq === null
            ? `All ${shown.events.length} matching events shown.`
            : `The first ${shown.events.length} matching events are shown; more match.`}{' '}
          {shown.nextAfterSeq === null ? null : (
            <button type="button" onClick={loadMore} disabled={loadingMore}>
              Show the next {auditPageSize}
            </button>
          )}
        </p>
      ) : null}
    </>
  );
}
