/**
 * `secondlook audit export` with the auditor's filters (user, study, kind, time) gives exactly
 * the events an independent filter of the whole trail picks, on both databases; a bad filter
 * value is a typed error with exit 2.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import type { CommandIO } from '../../bin/command';
import { appendAuditEvent } from '../../lib/audit';
import { databases, freshStore, type TestStore } from '../support/databases';

interface ExportedEvent {
  seq: number;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: string;
}

const saved = { ...process.env };
let store: TestStore | undefined;
afterEach(async () => {
  process.env = { ...saved };
  await store?.dispose();
  store = undefined;
});

async function exportWith(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const io: CommandIO = {
    stdout: (text) => out.push(text),
    stderr: () => undefined,
    stdin: process.stdin,
  };
  const code = await main(['audit', 'export', '--format', 'json', ...args], io);
  return { code, out: out.join('') };
}

async function exported(args: string[]): Promise<ExportedEvent[]> {
  const { code, out } = await exportWith(args);
  expect(code).toBe(0);
  return (JSON.parse(out) as { events: ExportedEvent[] }).events;
}

describe.each(databases)('audit export filters from the CLI on %s', (kind) => {
  it('selects by user, study and kind exactly as the whole trail filtered here', async () => {
    store = await freshStore(kind);
    Object.assign(process.env, store.env);
    const events = [
      { actorName: 'alice', action: 'study.view', subjectType: 'study', subjectId: 7 },
      { actorName: 'alice', action: 'review.sign', details: { studyId: 7, reviewId: 1 } },
      { actorName: 'bob', action: 'review.sign', details: { studyId: 8, reviewId: 2 } },
      { actorName: 'bob', action: 'review.amend', details: { studyId: 7, reviewId: 3 } },
      { actorName: 'alice', action: 'reviewer.note', details: { studyId: 70 } },
      { actorName: 'carol', action: 'auth.login' },
    ];
    for (const event of events) await appendAuditEvent(store.db, event);

    const all = await exported([]);
    expect(all).toHaveLength(events.length);
    const aboutStudy7 = (e: ExportedEvent) =>
      (e.subjectType === 'study' && e.subjectId === '7') ||
      (JSON.parse(e.details) as { studyId?: number }).studyId === 7;
    const isReview = (e: ExportedEvent) => e.action.startsWith('review.');

    const seqs = (list: ExportedEvent[]) => list.map((e) => e.seq);
    expect(seqs(await exported(['--user', 'alice']))).toEqual(
      seqs(all.filter((e) => e.actorName === 'alice')),
    );
    expect(seqs(await exported(['--study', '7']))).toEqual(seqs(all.filter(aboutStudy7)));
    expect(seqs(await exported(['--action', 'review']))).toEqual(seqs(all.filter(isReview)));
    const combined = await exported(['--study', '7', '--action', 'review', '--user', 'bob']);
    expect(combined.map((e) => e.action)).toEqual(['review.amend']);
    expect(await exported(['--to', '2000-01-01'])).toEqual([]);
  });

  it('rejects a study that is not an id with a typed error and exit 2', async () => {
    store = await freshStore(kind);
    Object.assign(process.env, store.env);
    const { code, out } = await exportWith(['--study', 'chest', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });
});
