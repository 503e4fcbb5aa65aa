import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, verifyAuditChain } from '../../lib/audit';
import { openStore } from '../../lib/store/db';
import { databases, freshStore, type TestStore } from '../support/databases';

const EVENTS = 8;

describe.each(databases)('audit chain on %s', (kind) => {
  let store: TestStore;

  beforeEach(async () => {
    store = await freshStore(kind);
    for (let i = 1; i <= EVENTS; i++) {
      await appendAuditEvent(store.db, {
        action: 'study.view',
        actorId: 1,
        actorName: 'reader',
        subjectType: 'study',
        subjectId: i,
        details: { n: i, note: `event ${i} ü` },
      });
    }
  });
  afterEach(() => store.dispose());

  const sql = (text: string) => store.db.$executeRawUnsafe(text);

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(store.db)).toMatchObject({
      ok: true,
      events: EVENTS,
      firstBadEvent: null,
    });
  });

  it('names an edited event', async () => {
    await sql(`UPDATE "AuditEvent" SET "details" = '{"n":99}' WHERE "seq" = 3`);
    const report = await verifyAuditChain(store.db);
    expect(report.ok).toBe(false);
    expect(report.firstBadEvent?.seq).toBe(3);
  });

  it('names an edited actor even when the attacker also rewrote its content hash', async () => {
    await sql(
      `UPDATE "AuditEvent" SET "actorName" = 'someone else', "contentHash" = '${'a'.repeat(64)}' WHERE "seq" = 5`,
    );
    expect((await verifyAuditChain(store.db)).firstBadEvent?.seq).toBe(5);
  });

  it('names the event after a deleted one', async () => {
    await sql(`DELETE FROM "AuditEvent" WHERE "seq" = 4`);
    const report = await verifyAuditChain(store.db);
    expect(report).toMatchObject({ ok: false, firstBadEvent: { seq: 5 } });
  });

  it('names the first missing event when the tail is cut off', async () => {
    await sql(`DELETE FROM "AuditEvent" WHERE "seq" >= 7`);
    expect((await verifyAuditChain(store.db)).firstBadEvent?.seq).toBe(7);
  });

  it('names the earlier of two reordered events', async () => {
    await sql(`UPDATE "AuditEvent" SET "seq" = 1000 WHERE "seq" = 2`);
    await sql(`UPDATE "AuditEvent" SET "seq" = 2 WHERE "seq" = 6`);
    await sql(`UPDATE "AuditEvent" SET "seq" = 6 WHERE "seq" = 1000`);
    const report = await verifyAuditChain(store.db);
    expect(report.ok).toBe(false);
    expect(report.firstBadEvent?.seq).toBe(2);
  });

  // Two clients in one process on SQLite would block each other forever (better-sqlite3 waits
  // synchronously for the lock); there the two writers share the process's one client.
  it('keeps one unbroken chain when two writers append concurrently', async () => {
    const second =
      kind === 'postgresql'
        ? await openStore(store.config)
        : { db: store.db, close: async () => {} };
    try {
      const writes = [store.db, second.db].flatMap((db, client) =>
        Array.from({ length: 15 }, (_, i) =>
          appendAuditEvent(db, {
            action: 'study.view',
            actorName: `client${client}`,
            details: { i },
          }),
        ),
      );
      await Promise.all(writes);
    } finally {
      await second.close();
    }
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, events: EVENTS + 30 });
  });
});
