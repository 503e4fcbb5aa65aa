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

const pageSize = 1000;

/** Every page of the events that match the filters (the route filters), oldest first. */
async function fetchEvents(filters: AuditFilters): Promise<AuditEventView[]> {
  const events: AuditEventView[] = [];
  let afterSeq: number | null = 0;
  while (afterSeq !== null) {
    const query = auditQuery(filters, { afterSeq: String(afterSeq), limit: String(pageSize) });
    const body: { events: AuditEventView[]; nextAfterSeq: number | null } = await apiJson(
      `/api/audit/events?${query}`,
    );
    events.push(...body.events);
    afterSeq = body.events.length === 0 ? null : body.nextAfterSeq;
  }
  return events;
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
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [status, setStatus] = useState<ChainStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchEvents(filters).then(
      (found) => {
        if (!live) return;
        setEvents(found);
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
          {(events ?? []).map((event) => (
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
      {events?.length === 0 ? <p>No events match.</p> : null}
    </>
  );
}
