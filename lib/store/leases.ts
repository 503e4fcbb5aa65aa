/**
 * Leases: a named right that one server process holds at a time (the PACS poller's), for a
 * time-to-live it renews while it works. Taking one is a single conditional write on either
 * database (the row is free, already ours, or lapsed), so two processes that try at once never
 * both get it; one that dies without releasing it loses it when it lapses.
 */
import type { Db } from './db';

/** Prisma's code for a unique constraint that refused a row. */
const UNIQUE_VIOLATION = 'P2002';

/** Takes or renews `name` for `holder` until now + ttlMs; false while another holds it. */
export async function acquireLease(
  db: Db,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
}

/**
 * For work done under a lease, asked between steps: renews the lease once a third of its
 * time-to-live has passed since it was taken or last renewed, and answers false once another
 * holder has it (the work should stop where it is; the new holder goes on from there). Between
 * renewals it answers from memory, so asking often costs nothing.
 */
export function leaseKeeper(
  db: Db,
  name: string,
  holder: string,
  ttlMs: number,
  clock: () => Date = () => new Date(),
): () => Promise<boolean> {
  let renewedAt = clock().getTime();
  return async () => {
    const now = clock();
    if (now.getTime() - renewedAt < ttlMs / 3) return true;
    const kept = await acquireLease(db, name, holder, ttlMs, now);
    if (kept) renewedAt = now.getTime();
    return kept;
  };
}

/** Gives `name` up, if `holder` has it, so another process need not wait for it to lapse. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}
