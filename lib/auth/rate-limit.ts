/**
 * Failed-login limiting: at most `limit` failures per key inside a sliding window. Kept in
 * process memory (one app process serves the UI); a restart forgets the counts.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return recent[recent.length - this.limit]! + this.windowMs - now;
  }

  recordFailure(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

const shared = globalThis as typeof globalThis & {
  secondlookLoginLimits?: { byUser: FailureLimiter; byClient: FailureLimiter };
};

/** 5 failures per user name and 30 per client address in 15 minutes. */
export function loginLimits() {
  shared.secondlookLoginLimits ??= {
    byUser: new FailureLimiter(5, FIFTEEN_MINUTES),
    byClient: new FailureLimiter(30, FIFTEEN_MINUTES),
  };
  return shared.secondlookLoginLimits;
}

/** Forgets every failure (a fresh process; tests start each case this way). */
export function resetLoginLimits(): void {
  shared.secondlookLoginLimits = undefined;
}
