/**
 * The PACS poller's failure schedule in the database, on both databases: each failure waits the
 * screening queue's schedule (here 1, 4, 16 minutes), then a day once the tries are spent; keys
 * of the other kind are apart; a success forgets the key; and a second schedule over the same
 * database (a restart, another process) sees the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAILY_RETRY_MS, failureSchedule } from '../../lib/pacs/failures';
import { databases, freshStore, type TestStore } from '../support/databases';

const minute = 60_000;
const policy = { firstDelayMs: minute, factor: 4, maxAttempts: 4 };

describe.each(databases)('the PACS failure schedule on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('waits 1, 4, 16 minutes, then a day; forgets a success; is the same after a restart', async () => {
    const instances = failureSchedule(store.db, 'instance', policy);
    const held = async (when: number) => (await instances.heldBack(new Date(when)))('1.2.3');
    let now = new Date('2026-12-06T10:00:00Z');
    for (const wait of [minute, 4 * minute, 16 * minute, DAILY_RETRY_MS, DAILY_RETRY_MS]) {
      await instances.record([{ key: '1.2.3', code: 'PACS_HTTP' }], now);
      const next = now.getTime() + wait;
      expect(await held(next - 1)).toBe(true);
      expect(await held(next)).toBe(false);
      now = new Date(next);
    }
    const restarted = failureSchedule(store.db, 'instance', policy);
    await instances.record([{ key: '1.2.3', code: 'NOT_DICOM' }], now);
    expect((await restarted.heldBack(now))('1.2.3')).toBe(true);
    expect((await failureSchedule(store.db, 'result', policy).heldBack(now))('1.2.3')).toBe(false);
    expect(await store.db.pacsFailure.findMany()).toEqual([
      expect.objectContaining({ kind: 'instance', key: '1.2.3', code: 'NOT_DICOM', attempts: 6 }),
    ]);
    await restarted.forget(['1.2.3']);
    expect((await instances.heldBack(now))('1.2.3')).toBe(false);
    expect(await store.db.pacsFailure.count()).toBe(0);
  });
});
