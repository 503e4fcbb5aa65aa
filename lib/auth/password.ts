import argon2 from 'argon2';
import { SecondlookError } from '../errors';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane). */
const OPTIONS: argon2.HashOptions = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new SecondlookError(
      'WEAK_PASSWORD',
      `password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new SecondlookError(
      'BAD_PASSWORD',
      `password must have at most ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return argon2.hash(password, OPTIONS);
}

/** A hash to compare against when the user does not exist, so both paths take as long. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  decoy ??= argon2.hash('secondlook-decoy-password', OPTIONS);
  try {
    const ok = await argon2.verify(hash ?? (await decoy), password);
    return ok && hash !== null;
  } catch {
    return false;
  }
}
