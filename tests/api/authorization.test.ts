/**
 * Walks every route under app/api against the contract in app/api/README.md: anonymous gets
 * 401, a role the table does not name gets 403, each named role succeeds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, ROLES, type Role } from '../../lib/auth';
import { createReview } from '../../lib/review';
import { importPaths, setStore } from '../../lib/store';
import { callRoute, routeFiles, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir, workDir } from '../support/paths';
import { encapsulatedPdf } from '../support/pdf-document';
import { presentationState } from '../support/presentation-state';

interface ContractRow {
  pattern: string;
  method: string;
  roles: Role[] | 'anyone';
}

/** The route table of app/api/README.md. */
function contract(): ContractRow[] {
  const text = readFileSync(path.join(repoRoot, 'app', 'api', 'README.md'), 'utf8');
  const rows: ContractRow[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const pattern = /^`(\/api\/[^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!pattern || !/^(GET|POST|PATCH|DELETE|PUT)$/.test(cells[2] ?? '')) continue;
    const who = cells[3] ?? '';
    const roles =
      who === 'anyone'
        ? 'anyone'
        : who.startsWith('any signed-in')
          ? [...ROLES]
          : ROLES.filter((role) => who.includes(role));
    rows.push({ pattern, method: cells[2]!, roles });
  }
  return rows;
}

const password = 'correct horse battery';
const ct3 = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const model = { name: 'pneumonia-cxr', version: '1', sha256: 'a'.repeat(64) };

describe.each(databases)('authorisation of every route on %s', (kind) => {
  let store: TestStore;
  const sessions = {} as Record<Role, ApiSession>;
  const users = {} as Record<Role, { id: number; username: string; role: Role }>;
  let studyId = 0;
  let instanceId = 0;
  /** A structured report, for the route that reads one. */
  let reportId = 0;
  /** An Encapsulated PDF, for the route that serves its document. */
  let documentId = 0;
  /** A presentation state, for the route that reads one. */
  let presentationId = 0;
  let seriesId = 0;

  beforeAll(async () => {
    store = await freshStore(kind);
    setStore(store);
    for (const role of ROLES) {
      const user = await createUser(store.db, { username: `${role}1`, role, password }, null);
      users[role] = { id: user.id, username: user.username, role };
      sessions[role] = await login(store.db, {
        username: user.username,
        password,
        client: `test-${role}`,
      });
    }
    const summary = await importPaths(store, [ct3], null);
    studyId = summary.results[0]!.studyId!;
    seriesId = summary.results[0]!.seriesId!;
    instanceId = summary.results[0]!.instanceId!;
    const sr = path.join(sharedDicomDir, 'cornerstone3D', 'no-pixel-data.dcm');
    reportId = (await importPaths(store, [sr], null)).results[0]!.instanceId!;
    const pdf = encapsulatedPdf(path.join(workDir, `authorization-${kind}`), 'Requisition');
    documentId = (await importPaths(store, [pdf], null)).results[0]!.instanceId!;
    const state = presentationState(path.join(workDir, `authorization-${kind}`), 'state', [
      path.join(ct3, '01.dcm'),
    ]);
    presentationId = (await importPaths(store, [state], null)).results[0]!.instanceId!;
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  /** A request that the route should accept from `role`, made fresh for each call. */
  async function validRequest(
    row: ContractRow,
    role: Role,
  ): Promise<{ url: string; body?: unknown; session: ApiSession | null }> {
    const reader = users.radiologist;
    const session = sessions[role];
    switch (`${row.method} ${row.pattern}`) {
      case 'GET /api/instances/:id/report':
        return { url: row.pattern.replace(':id', String(reportId)), session };
      case 'GET /api/instances/:id/document':
        return { url: row.pattern.replace(':id', String(documentId)), session };
      case 'GET /api/instances/:id/presentation':
        return { url: row.pattern.replace(':id', String(presentationId)), session };
      case 'POST /api/auth/login':
        return {
          url: '/api/auth/login',
          body: { username: users.admin.username, password },
          session: null,
        };
      case 'POST /api/auth/logout':
        return {
          url: '/api/auth/logout',
          session: await login(store.db, {
            username: users[role].username,
            password,
            client: 'logout',
          }),
        };
      case 'POST /api/csp-report':
        return {
          url: row.pattern,
          body: {
            'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' },
          },
          session: null,
        };
      case 'POST /api/studies/upload': {
        const form = new FormData();
        form.append('files', new Blob([readFileSync(path.join(ct3, '02.dcm'))]), '02.dcm');
        return { url: row.pattern, body: form, session };
      }
      case 'POST /api/studies/query':
        return { url: row.pattern, session, body: { limit: 10 } };
      case 'POST /api/inferences':
        return {
          url: row.pattern,
          session,
          body: {
            seriesId,
            model,
            provider: 'wasm',
            inputSha256: 'b'.repeat(64),
            probabilities: { pneumonia: 0.8 },
            findings: [
              {
                label: 'pneumonia',
                probability: 0.8,
                operatingPoint: 'balanced',
                threshold: 0.5,
                flagged: true,
              },
            ],
            timings: { inferenceMs: 12 },
            startedAt: new Date().toISOString(),
            finishedAt: new Date().toISOString(),
          },
        };
      case 'POST /api/studies/:id/presentation-states':
        return {
          url: row.pattern.replace(':id', String(studyId)),
          session,
          body: {
            seriesId,
            label: 'VIEW',
            window: { center: 40, width: 400 },
            invert: false,
            rotation: 0,
            flip: false,
          },
        };
      case 'POST /api/reviews':
        return {
          url: row.pattern,
          session,
          body: { studyId, decisions: [{ finding: 'pneumonia', decision: 'agree' }] },
        };
      case 'PATCH /api/reviews/:id':
      case 'DELETE /api/reviews/:id':
      case 'POST /api/reviews/:id/sign': {
        const draft = await createReview(store, reader, { studyId });
        return {
          url: row.pattern.replace(':id', String(draft.id)),
          session,
          body: row.method === 'PATCH' ? { text: 'no change' } : undefined,
        };
      }
      case 'POST /api/reviews/:id/amend': {
        const signed = await createReview(store, reader, { studyId, sign: true });
        return {
          url: row.pattern.replace(':id', String(signed.id)),
          session,
          body: { text: 'amended', reason: 'typo' },
        };
      }
      case 'PATCH /api/auth/preferences':
        return { url: row.pattern, session, body: { flaggedAlerts: true } };
      case 'POST /api/users':
        return {
          url: row.pattern,
          session,
          body: { username: `new-${Date.now()}`, role: 'auditor', password },
        };
      case 'PATCH /api/users/:id':
        return {
          url: row.pattern.replace(':id', String(users.auditor.id)),
          session,
          body: { role: 'auditor' },
        };
      default:
        return {
          url: row.pattern.replace(
            ':id',
            String(row.pattern.startsWith('/api/instances') ? instanceId : studyId),
          ),
          session,
        };
    }
  }

  it('documents exactly the routes that exist', async () => {
    const documented = new Set(contract().map((row) => row.pattern));
    expect(new Set(routeFiles().map((route) => route.pattern))).toEqual(documented);
    for (const route of routeFiles()) {
      const routeModule = (await import(route.file)) as Record<string, unknown>;
      const methods = Object.keys(routeModule).filter((name) =>
        /^(GET|POST|PATCH|PUT|DELETE)$/.test(name),
      );
      const rows = contract()
        .filter((row) => row.pattern === route.pattern)
        .map((row) => row.method);
      expect(methods.sort()).toEqual(rows.sort());
    }
  });

  it.each(contract().map((row) => [`${row.method} ${row.pattern}`, row] as const))(
    '%s',
    async (_name, row) => {
      if (row.roles === 'anyone') {
        const ok = await validRequest(row, 'admin');
        expect((await callRoute(row.method, ok.url, { body: ok.body })).status).toBeLessThan(300);
        return;
      }
      const anonymous = await validRequest(row, row.roles[0]!);
      expect((await callRoute(row.method, anonymous.url, { body: anonymous.body })).status).toBe(
        401,
      );
      for (const role of ROLES) {
        const request = await validRequest(row, role);
        const response = await callRoute(row.method, request.url, {
          session: request.session,
          body: request.body,
        });
        if (row.roles.includes(role)) {
          expect(response.status, `${role}: ${await response.clone().text()}`).toBeLessThan(300);
        } else {
          expect(response.status, role).toBe(403);
        }
      }
    },
  );

  it('refuses a state-changing request without the CSRF token or from another origin', async () => {
    const body = { studyId, decisions: [] };
    const session = sessions.radiologist;
    const noToken = await callRoute('POST', '/api/reviews', { session, body, csrf: false });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('CSRF');
    const foreign = await callRoute('POST', '/api/reviews', {
      session,
      body,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });
});
