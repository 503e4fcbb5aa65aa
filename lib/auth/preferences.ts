import { audited } from '../audit';
import { SecondlookError } from '../errors';
import type { Db } from '../store/db';
import type { SessionUser } from './roles';

/**
 * What a user chose for their own screens, kept with their account: the same wherever they sign
 * in, and nobody else's on a workstation shared by a reading room.
 */
export interface UserPreferences {
  /** A desktop alert when a study is flagged (the header's watch, for a reader). */
  flaggedAlerts: boolean;
}

/** The preferences of a user row. */
export function preferencesOf(row: { flaggedAlerts: boolean }): UserPreferences {
  return { flaggedAlerts: row.flaggedAlerts };
}

/** A change to the preferences from a request's JSON object: known keys only, each of its type. */
export function parsePreferences(body: Record<string, unknown>): Partial<UserPreferences> {
  const change: Partial<UserPreferences> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'flaggedAlerts') {
      throw new SecondlookError('BAD_PREFERENCES', `unknown preference '${key.slice(0, 64)}'`);
    }
    if (typeof value !== 'boolean') {
      throw new SecondlookError('BAD_PREFERENCES', 'flaggedAlerts must be true or false');
    }
    change.flaggedAlerts = value;
  }
  return change;
}

/**
 * Sets the signed-in user's own preferences, audited (`user.preferences`): whether a reader had
 * flagged-study alerts on, and since when, is part of how a delayed read came about.
 */
export async function setPreferences(
  db: Db,
  user: SessionUser,
  change: Partial<UserPreferences>,
): Promise<UserPreferences> {
  return audited(db, async (tx) => {
    const row = await tx.user.update({ where: { id: user.id }, data: change });
    return {
      result: preferencesOf(row),
      event: {
        action: 'user.preferences',
        actorId: user.id,
        actorName: user.username,
        subjectType: 'user',
        subjectId: user.id,
        details: { ...change },
      },
    };
  });
}
