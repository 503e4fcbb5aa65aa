import {
  checkCsrf,
  checkRole,
  sessionOfRequest,
  RateLimitedError,
  type ActiveSession,
  type Role,
} from '@/lib/auth';
import { errorKind, SecondlookError } from '@/lib/errors';
import { getStore, type Store } from '@/lib/store';

/** HTTP status per error code; any other SecondlookError is a 400 (bad input). */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  NOT_A_REPORT: 404,
  NOT_A_DOCUMENT: 404,
  NOT_A_PRESENTATION_STATE: 404,
  USER_EXISTS: 409,
  LAST_ADMIN: 409,
  UID_CONFLICT: 409,
  REVIEW_SIGNED: 409,
  REVIEW_AMENDED: 409,
  REVIEW_NOT_SIGNED: 409,
  REVIEW_DRAFT_EXISTS: 409,
  LENGTH_REQUIRED: 411,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  BLOB_CORRUPT: 500,
};

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** An error as a response. Unexpected errors are logged by kind only: never values, which may hold patient data. */
export function errorResponse(error: unknown): Response {
  if (error instanceof SecondlookError) {
    const headers: Record<string, string> =
      error instanceof RateLimitedError ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return json(
      { error: { code: error.code, message: error.message } },
      STATUS[error.code] ?? 400,
      headers,
    );
  }
  console.error(`secondlook api: unexpected ${errorKind(error)}`);
  return json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
}

export interface RouteContext<P> {
  request: Request;
  session: ActiveSession;
  store: Store;
  params: P;
}

type NextContext<P> = { params: Promise<P> };

/**
 * A route handler that only users with one of `roles` may call: 401 without a session, 403 for
 * another role, 403 for a state-changing request without the session's CSRF token.
 */
export function route<P = Record<string, never>>(
  roles: readonly Role[],
  handler: (context: RouteContext<P>) => Promise<Response>,
) {
  return async (request: Request, context: NextContext<P>): Promise<Response> => {
    try {
      const store = await getStore();
      const session = checkRole(await sessionOfRequest(store.db, request), roles);
      checkCsrf(request, session);
      return await handler({ request, session, store, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A JSON body of at most `maxBytes`, sent as application/json. */
export async function readJson(
  request: Request,
  maxBytes = 1 << 20,
): Promise<Record<string, unknown>> {
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    throw new SecondlookError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes)
    throw new SecondlookError('TOO_LARGE', `the body is over ${maxBytes} bytes`);
  const text = await request.text();
  if (text.length > maxBytes)
    throw new SecondlookError('TOO_LARGE', `the body is over ${maxBytes} bytes`);
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SecondlookError('BAD_REQUEST', 'the body must be a JSON object');
}

/** A positive integer id from a path segment. */
export function idParam(value: string | undefined, what = 'id'): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new SecondlookError('NOT_FOUND', `no ${what} ${value}`);
  return id;
}

/** Roles per kind of access, in one place: the README's route table says the same. */
export const READERS: readonly Role[] = ['radiologist', 'auditor'];
export const RADIOLOGIST: readonly Role[] = ['radiologist'];
export const AUDITOR: readonly Role[] = ['auditor'];
export const ADMIN: readonly Role[] = ['admin'];
export const UPLOADERS: readonly Role[] = ['radiologist', 'admin'];
export const ANY_USER: readonly Role[] = ['radiologist', 'auditor', 'admin'];
