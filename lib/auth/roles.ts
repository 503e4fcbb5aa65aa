import { SecondlookError } from '../errors';

export const ROLES = ['radiologist', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function parseRole(value: unknown): Role {
  if (isRole(value)) return value;
  throw new SecondlookError('BAD_ROLE', `role must be one of ${ROLES.join(', ')}`);
}

/** A signed-in user as every layer above the store sees it. */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}
