import { createHash, timingSafeEqual } from 'node:crypto';

/** Shorter tokens are refused: the token is the only thing between a scraper and the numbers. */
const MIN_TOKEN_LENGTH = 24;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether an Authorization header carries SECONDLOOK_METRICS_TOKEN as a bearer token (compared in
 * constant time); always false when the token is unset or shorter than 24 characters.
 */
export function metricsTokenMatches(
  authorization: string | null,
  token: string | undefined = process.env.SECONDLOOK_METRICS_TOKEN,
): boolean {
  if (!token || token.length < MIN_TOKEN_LENGTH || !authorization) return false;
  const match = /^Bearer (\S+)$/.exec(authorization);
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}
