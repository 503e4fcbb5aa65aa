/**
 * Leases between server processes, on both databases: one holder at a time, renewed by its holder,
 * taken over once lapsed, released only by its holder, and of four server processes that race for
 * a free (or lapsed) lease exactly one gets it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease, releaseLease } from '../../lib/store';
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
