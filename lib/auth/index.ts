/**
 * Users, passwords, sessions and authorisation. Server components import `lib/auth/server`
 * (it needs Next's request context); everything here runs anywhere on the server.
 */
export { ROLES, parseRole, type Role, type SessionUser } from './roles';
export { parsePreferences, setPreferences } from './preferences';
export { countUsers, createUser, listUsers, updateUser } from './users';
export {
  SESSION_COOKIE,
  RateLimitedError,
  idleSecondsLeft,
  login,
  logout,
  purgeEndedSessions,
  resolveSession,
  type ActiveSession,
} from './sessions';
export { clearedSessionCookie, needsSecureCookie, readCookie, sessionCookie } from './cookies';
export { checkCsrf, checkRole, checkSameOrigin, clientOf, sessionOfRequest } from './request';
export { FailureLimiter } from './rate-limit';
