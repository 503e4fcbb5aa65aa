/**
 * POST /api/csp-report, where browsers report what the Content Security Policy refused: both
 * report formats Chromium sends are counted by directive in /api/metrics, the log names the
 * directive and the kind or origin of what was blocked but never a URL (a blocked request could
 * carry a page's data), a directive no policy has counts as `other`, and a body that is not a
 * report, of another type or over 16 KiB is refused and counts nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { setStore } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { freshStore, type TestStore } from '../support/databases';

const password = 'correct horse battery';

describe('CSP violation reports', () => {
  let store: TestStore;
  let admin: ApiSession;
  beforeAll(async () => {
    store = await freshStore('sqlite');
    setStore(store);
    await createUser(store.db, { username: 'admin1', role: 'admin', password }, null);
    admin = await login(store.db, { username: 'admin1', password, client: 'csp' });
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  const counted = async (directive: string) => {
    const text = await (await callRoute('GET', '/api/metrics', { session: admin })).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`secondlook_csp_violations_total{directive="${directive}"} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };
  it('counts both report formats by directive and logs no URL', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const before = await counted('connect-src');
      const legacy = await postRaw(
        JSON.stringify({
          'csp-report': {
            'document-uri': 'https://reading.example/studies/7',
            'effective-directive': 'connect-src',
            'violated-directive': 'connect-src',
            'blocked-uri': 'https://exfil.example/collect?patient=DOE%5EJANE&id=12345',
          },
        }),
        'application/csp-report',
      );
      expect(legacy.status).toBe(204);
      const listed = await postRaw(
        JSON.stringify([
          {
            type: 'csp-violation',
            url: 'https://reading.example/worklist',
            body: { effectiveDirective: 'script-src-elem', blockedURL: 'inline' },
          },
          { type: 'deprecation', body: { id: 'x' } },
          {
            type: 'csp-violation',
            body: { effectiveDirective: 'made-up-directive', blockedURL: 'eval' },
          },
        ]),
        'application/reports+json',
      );
      expect(listed.status).toBe(204);
      expect(await counted('connect-src')).toBe(before + 1);
      expect(await counted('script-src-elem')).toBeGreaterThanOrEqual(1);
      expect(await counted('other')).toBeGreaterThanOrEqual(1);
      const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
      expect(logged).toContain('csp: a page was refused https://exfil.example by connect-src');
      expect(logged).toContain('csp: a page was refused inline by script-src-elem');
      expect(logged).not.toMatch(/DOE|12345|collect|studies\/7/);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses what is not a report, and counts nothing for it', async () => {
    const before = await counted('script-src-elem');
    const cases: [string, string, number][] = [
      ['{"not": "a report"}', 'application/csp-report', 400],
      ['[{"type": "deprecation", "body": {}}]', 'application/reports+json', 400],
      ['{broken', 'application/csp-report', 400],
      ['{"csp-report": {}}', 'text/plain', 415],
      [
        JSON.stringify({
          'csp-report': { 'effective-directive': 'script-src-elem', padding: 'x'.repeat(20_000) },
        }),
        'application/csp-report',
        413,
      ],
    ];
    for (const [body, type, status] of cases) {
      expect((await postRaw(body, type)).status, `${type} ${body.slice(0, 30)}`).toBe(status);
    }
    expect(await counted('script-src-elem')).toBe(before);
  });
});

/** The route handler with a raw body of the given type, as a browser posts a report. */
async function postRaw(body: string, type: string): Promise<Response> {
  const { POST } = (await import('../../app/api/csp-report/route')) as {
    POST: (request: Request) => Promise<Response>;
  };
  return POST(
    new Request('http://localhost/api/csp-report', {
      method: 'POST',
      headers: { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) },
      body,
    }),
  );
}
