/**
 * Calls the app's route handlers in-process, as Next would: the handler exported by
 * app/api/<path>/route.ts for the method, with a real Request and the path parameters.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export interface ApiSession {
  token: string;
  csrfToken: string;
}

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** Every route file under app/api as its URL pattern, e.g. /api/studies/:id. */
export function routeFiles(): { pattern: string; file: string }[] {
  const root = path.join(repoRoot, 'app', 'api');
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter(
      (file) =>
        path.basename(file) === 'route.ts' &&
        !file.split(path.sep).some((part) => part.startsWith('_')),
    )
    .map((file) => ({
      file: path.join(root, file),
      pattern: `/api/${path
        .dirname(file)
        .split(path.sep)
        .map((part) => part.replace(/^\[(\w+)\]$/, ':$1'))
        .join('/')}`,
    }));
}

export async function callRoute(
  method: string,
  url: string,
  options: {
    session?: ApiSession | null;
    body?: unknown;
    csrf?: boolean;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  const pathname = new URL(url, 'http://localhost').pathname;
  // Static segments win over parameters, as in Next's router.
  const match = routeFiles()
    .sort((a, b) => a.pattern.split(':').length - b.pattern.split(':').length)
    .map((route) => ({ route, params: matchPattern(route.pattern, pathname) }))
    .find((candidate) => candidate.params !== null);
  if (!match) throw new Error(`no route for ${pathname}`);
  const routeModule = (await import(match.route.file)) as Record<string, Handler | undefined>;
  const handler = routeModule[method];
  if (!handler) throw new Error(`${match.route.pattern} has no ${method}`);
  const headers: Record<string, string> = { host: 'localhost', ...options.headers };
  if (options.session) {
    headers.cookie = `secondlook_session=${options.session.token}`;
    if (options.csrf !== false) headers['x-csrf-token'] = options.session.csrfToken;
  }
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    const encoded = new Response(options.body);
    headers['content-type'] = encoded.headers.get('content-type')!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    headers['content-length'] = String(bytes.length);
    body = bytes;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const request = new Request(new URL(url, 'http://localhost'), { method, headers, body });
  return handler(request, { params: Promise.resolve(match.params as Record<string, string>) });
}

function matchPattern(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = got[i]!;
    else if (part !== got[i]) return null;
  }
  return params;
}
