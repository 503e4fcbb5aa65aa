/**
 * Browser-side calls to the app's API (contract: app/api/README.md). Mutating calls carry the
 * session's CSRF token in the x-csrf-token header. A call answered "sign in first" means the
 * session has ended (idle, signed out elsewhere, expired): the page goes to sign-in, which brings
 * the user back here, instead of staying on screen with a study's data and failing calls.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string } | string;
  code?: string;
  message?: string;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const detail = typeof body.error === 'object' ? body.error : body;
  const message =
    detail.message ?? (typeof body.error === 'string' ? body.error : response.statusText);
  return new ApiError(response.status, detail.code ?? `HTTP_${response.status}`, message);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  csrfToken?: string;
  signal?: AbortSignal;
  /** A page's own polling: it does not keep the session from going idle. */
  background?: boolean;
}

/** Set once the user signs out: the calls still in flight then end in 401, and that is no news. */
let signingOut = false;

/**
 * Sign-in, then back to this page; `ended` says why the user is asked again. A full load, not a
 * client-side route: nothing the page held stays in memory.
 */
function signInAgain(): void {
  if (signingOut) return;
  const here = `${window.location.pathname}${window.location.search}`;
  const login = new URL(`/login?ended=1&next=${encodeURIComponent(here)}`, window.location.href);
  window.location.replace(login.href);
}

/**
 * Signs out, then loads the sign-in page afresh (a full load: nothing the pages held, a study's
 * files or the viewer's images, stays in the tab's memory on a shared workstation). A poll that
 * the sign-out overtakes does not turn it into "your session has ended".
 */
export async function signOut(csrfToken: string): Promise<void> {
  signingOut = true;
  await apiJson('/api/auth/logout', { method: 'POST', csrfToken }).catch(() => undefined);
  window.location.replace(new URL('/login', window.location.href).href);
}

/** For a plain fetch of the app's routes (a file, not JSON): a 401 goes to sign-in as apiJson's do. */
export function leaveIfSignedOut(response: Response): void {
  if (response.status === 401) signInAgain();
}

/** The response to a call, once it succeeded; an ApiError otherwise (signing in again on 401). */
async function apiResponse(path: string, options: RequestOptions, accept: string) {
  const headers: Record<string, string> = { accept };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  if (options.background) headers['x-secondlook-background'] = '1';
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.code === 'UNAUTHENTICATED') signInAgain();
    throw error;
  }
  return response;
}

export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await (await apiResponse(path, options, 'application/json')).json()) as T;
}

/** A route's bytes (a stored document), typed as `type`. */
export async function apiBlob(path: string, type: string, options: RequestOptions = {}) {
  const response = await apiResponse(path, options, `${type}, application/json`);
  return new Blob([await response.arrayBuffer()], { type });
}
