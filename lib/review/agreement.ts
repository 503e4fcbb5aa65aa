import type { FindingDecision } from './validate';

/** A signed read is discordant with the AI when the reader disagrees on any finding. */
export function isDiscordant(decisions: readonly FindingDecision[]): boolean {
  return decisions.some((decision) => decision.decision === 'disagree');
}
