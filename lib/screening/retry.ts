/**
 * When a failed screening is tried again: after the n-th failure, wait firstDelayMs * factor^(n-1)
 * (1, 4, 16, 64 minutes by default), and give up after maxAttempts failures, so a file that can
 * never be screened costs a handful of attempts, not a hot loop.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  factor: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 60_000, factor: 4, maxAttempts: 5 };

/** Milliseconds until the next attempt after `attempts` failures; null: no more attempts. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return policy.firstDelayMs * policy.factor ** (attempts - 1);
}
