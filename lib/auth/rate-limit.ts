/**
 * Failed-login limiting: at most `limit` failures per key inside a sliding window. The failures
 * are rows in the database (`LoginFailure`), so every server process of a shared deployment and
 * a restarted one count the same attempts.
 */
import type { Db } from '../store/db';

export class FailureLimiter {
  constructor(
    /** Names the keys of this limit apart from another's (e.g. `user`, `client`). */
    private readonly kind: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  async retryAfterMs(db: Db, key: string, now = Date.now()): Promise<number> {
    const recent = await db.loginFailure.findMany({
      where: { key: this.keyOf(key), at: { gt: new Date(now - this.windowMs) } },
      orderBy: { at: 'desc' },
      take: this.limit,
      select: { at: true },
    });
    if (recent.length < this.limit) return 0;
    return Math.max(0, recent[this.limit - 1]!.at.getTime() + this.windowMs - now);
  }

  /** Records a failure of `key` and forgets its failures that fell out of the window. */
  async recordFailure(db: Db, key: string, now = Date.now()): Promise<void> {
    const stored = this.keyOf(key);
    await db.loginFailure.create({ data: { key: stored, at: new Date(now) } });
    await db.loginFailure.deleteMany({
      where: { key: stored, at: { lte: new Date(now - this.windowMs) } },
    });
  }

  async reset(db: Db, key: string): Promise<void> {
    await db.loginFailure.deleteMany({ where: { key: this.keyOf(key) } });
  }

  private keyOf(key: string): string {
    return `${this.kind}:${key}`;
  }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** 5 failures per user name and 30 per client address in 15 minutes. */
export const loginLimits = {
  byUser: new FailureLimiter('user', 5, FIFTEEN_MINUTES),
  byClient: new FailureLimiter('client', 30, FIFTEEN_MINUTES),
};
