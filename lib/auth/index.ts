/**
 * Users, passwords, sessions and authorisation. Server components import `lib/auth/server`
 * (it needs Next's request context); everything here runs anywhere on the server.
 */
export { ROLES, isRole, parseRole, type Role, type SessionUser } from './roles';
export { MIN_PASSWORD_LENGTH, checkPasswordPolicy, hashPassword, verifyPassword } from './password';
export {
  actorFields,
  checkUsername,
  countUsers,
  createUser,
  listUsers,
  updateUser,
  type Actor,
  type SystemActor,
  type UserSummary,
} from './users';
export {
  CSRF_HEADER,
  SESSION_COOKIE,
  RateLimitedError,
  csrfTokenMatches,
  idleSecondsLeft,
  login,
  logout,
  purgeEndedSessions,
  resolveSession,
  type ActiveSession,
  type NewSession,
} from './sessions';
export { sessionLifetimeMs } from './session-policy';
export { clearedSessionCookie, needsSecureCookie, readCookie, sessionCookie } from './cookies';
export { checkCsrf, checkRole, checkSameOrigin, clientOf, sessionOfRequest } from './request';
export { FailureLimiter, loginLimits } from './rate-limit';
