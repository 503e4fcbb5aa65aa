import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelayMs } from '../../lib/screening/node';

describe('screening retry policy', () => {
  it('backs off by the factor and gives up after maxAttempts failures', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempts) => retryDelayMs(attempts));
    expect(delays).toEqual([60_000, 240_000, 960_000, 3_840_000, null, null]);
    expect(DEFAULT_RETRY.maxAttempts).toBe(5);
    const quick = { firstDelayMs: 10, factor: 2, maxAttempts: 3 };
    expect([1, 2, 3].map((attempts) => retryDelayMs(attempts, quick))).toEqual([10, 20, null]);
  });
});
