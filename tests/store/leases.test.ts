/**
 * Leases between server processes, on both databases: one holder at a time, renewed by its holder,
 * taken over once lapsed, released only by its holder, and of four server processes that race for
 * a free (or lapsed) lease exactly one gets it. Long work under a lease keeps it by asking its
 * keeper between steps, and learns it lost it when another holder took it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease, leaseKeeper, releaseLease } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot } from '../support/paths';

const execFileAsync = promisify(execFile);

const minute = 60_000;

describe.each(databases)('leases on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('has one holder, renewed by it, taken over when it lapses, released by its holder only', async () => {
    const t0 = new Date('2026-12-06T10:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);
    const take = (holder: string, when: Date) =>
      acquireLease(store.db, 'pacs-poll', holder, 10 * minute, when);
    expect(await take('a', at(0))).toBe(true);
    expect(await take('b', at(1))).toBe(false);
    expect(await take('a', at(9))).toBe(true);
    // a renewed at 9 minutes, so its lease runs to 19.
    expect(await take('b', at(18))).toBe(false);
    expect(await take('b', at(19.01))).toBe(true);
    expect(await take('a', at(20))).toBe(false);
    await releaseLease(store.db, 'pacs-poll', 'a');
    expect(await take('a', at(21))).toBe(false);
    await releaseLease(store.db, 'pacs-poll', 'b');
    expect(await take('a', at(21))).toBe(true);
    expect(await acquireLease(store.db, 'other', 'b', minute, at(21))).toBe(true);
  });

  it('is kept through long work by asking between steps, and the work learns when it is lost', async () => {
    const t0 = new Date('2026-12-06T10:00:00Z');
    let now = t0;
    const clock = () => now;
    const advance = (minutes: number) => {
      now = new Date(now.getTime() + minutes * minute);
    };
    const take = (holder: string) => acquireLease(store.db, 'pacs-poll', holder, 10 * minute, now);
    expect(await take('a')).toBe(true);
    const keepGoing = leaseKeeper(store.db, 'pacs-poll', 'a', 10 * minute, clock);
    // A step every 3 minutes for half an hour: renewed as it goes, b never gets it.
    for (let step = 0; step < 10; step++) {
      advance(3);
      expect(await keepGoing()).toBe(true);
      expect(await take('b')).toBe(false);
    }
    const lease = await store.db.lease.findUniqueOrThrow({ where: { name: 'pacs-poll' } });
    expect(lease.holder).toBe('a');
    expect(lease.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    // A step that outlasts the lease: b takes it over, and a's next question says stop.
    advance(11);
    expect(await take('b')).toBe(true);
    expect(await keepGoing()).toBe(false);
    expect((await store.db.lease.findUniqueOrThrow({ where: { name: 'pacs-poll' } })).holder).toBe(
      'b',
    );
  });

  it('goes to exactly one of several server processes that race for it', async () => {
    const racer = path.join(repoRoot, 'tests', 'support', 'lease-racer.ts');
    const race = async (name: string, now: number) => {
      const startAt = Date.now() + 5_000;
      const runs = Array.from({ length: 4 }, () =>
        execFileAsync(
          process.execPath,
          ['--import', 'tsx', racer, name, String(now), String(startAt)],
          {
            cwd: repoRoot,
            env: { ...process.env, ...store.env },
            encoding: 'utf8',
          },
        ),
      );
      return (await Promise.all(runs)).map((run) => run.stdout).sort();
    };
    const now = Date.now();
    expect(await race('race', now)).toEqual(['lost', 'lost', 'lost', 'won']);
    // Lapsed, it is raced for again: still one winner.
    expect(await race('race', now + 2 * minute)).toEqual(['lost', 'lost', 'lost', 'won']);
  }, 120_000);
});
