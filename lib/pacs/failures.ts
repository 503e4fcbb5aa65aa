/**
 * What the PACS poller failed to do and when it tries again, kept in the database (PacsFailure):
 * instances it could not store (by SOP Instance UID), results the PACS refused (by inference
 * id) and reviews it refused (by review id). After the n-th failure the next try waits as the
 * screening queue's retries do (1, 4, 16, 64 minutes), then once a day, so a file the PACS holds
 * that can never be stored is neither downloaded and logged at every poll nor forgotten. A
 * restart, or another server process taking the PACS lease over, keeps the schedule. A key that
 * succeeds is forgotten.
 */
import { retryDelayMs, type RetryPolicy } from '../screening/retry';
import type { Db } from '../store';

/** How long the poller waits between tries once the schedule's tries are spent. */
export const DAILY_RETRY_MS = 24 * 60 * 60_000;

export type FailureKind = 'instance' | 'result' | 'review';

export interface FailureSchedule {
  /** Which keys are not to be tried at `now` (read once, answered from memory). */
  heldBack(now?: Date): Promise<(key: string) => boolean>;
  /** One more failed try of each key, with its error's code. */
  record(failed: readonly { key: string; code: string }[], now?: Date): Promise<void>;
  /** Forgets keys that have now succeeded. */
  forget(keys: readonly string[]): Promise<void>;
}

export function failureSchedule(db: Db, kind: FailureKind, policy?: RetryPolicy): FailureSchedule {
  return {
    async heldBack(now = new Date()) {
      const rows = await db.pacsFailure.findMany({
        where: { kind, retryAt: { gt: now } },
        select: { key: true },
      });
      const held = new Set(rows.map((row) => row.key));
      return (key) => held.has(key);
    },
    async record(failed, now = new Date()) {
      for (const { key, code } of failed) {
        const where = { kind_key: { kind, key } };
        // The count goes up in the first statement, a write, so SQLite takes its write lock
        // before anything is read (a read first could not be upgraded once another process wrote).
        await db.$transaction(async (tx) => {
          const row = await tx.pacsFailure.upsert({
            where,
            create: { kind, key, code, attempts: 1, failedAt: now, retryAt: now },
            update: { code, attempts: { increment: 1 }, failedAt: now },
          });
          const delay = retryDelayMs(row.attempts, policy) ?? DAILY_RETRY_MS;
          await tx.pacsFailure.update({
            where,
            data: { retryAt: new Date(now.getTime() + delay) },
          });
        });
      }
    },
    async forget(keys) {
      if (keys.length > 0)
        await db.pacsFailure.deleteMany({ where: { kind, key: { in: [...keys] } } });
    },
  };
}
