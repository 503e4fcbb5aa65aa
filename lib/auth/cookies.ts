import { SESSION_COOKIE } from './sessions';

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Secure cookies everywhere except plain-HTTP localhost (the embedded default). */
export function needsSecureCookie(url: URL, forwardedProto?: string | null): boolean {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const https = url.protocol === 'https:' || forwardedProto === 'https';
  return https || !local;
}

/** Set-Cookie for a new session: httpOnly, SameSite=Strict, Secure outside localhost. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
