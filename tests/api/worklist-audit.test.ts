/**
 * The worklist and audit routes as the pages use them, on both databases, with real DICOM
 * screened by the shipped model: screening status and out-of-scope reasons, othersSigned, and
 * the audit filters (checked against the unfiltered trail filtered here, independently).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { enqueueAwaiting, ScreeningQueue, storeBackend } from '../../lib/screening/server';
import { importPaths, setStore, type InferenceView, type WorklistItem } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';
import { modelDir } from '../inference/support';

const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const ctDir = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const password = 'correct horse battery';

interface Event {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

async function body<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

describe.each(databases)('worklist and audit routes on %s', (kind) => {
  let store: TestStore;
  const sessions: Record<'alice' | 'bob' | 'audrey', ApiSession> = {} as never;
  let crStudy = 0;
  let ctStudy = 0;

  beforeAll(async () => {
    store = await freshStore(kind);
    setStore(store);
    for (const [username, role] of [
      ['alice', 'radiologist'],
      ['bob', 'radiologist'],
      ['audrey', 'auditor'],
    ] as const) {
      await createUser(store.db, { username, role, password }, null);
      sessions[username] = await login(store.db, { username, password, client: `t-${username}` });
    }
    const files = [chestCr, ...readdirSync(ctDir).map((name) => path.join(ctDir, name))];
    const imported = await importPaths(store, files, null);
    crStudy = imported.results.find((r) => r.file === chestCr)!.studyId!;
    ctStudy = imported.results.find((r) => r.file !== chestCr)!.studyId!;
    const model = await loadModelFromDir(modelDir);
    const { id, version, sha256 } = model.manifest;
    const queue = new ScreeningQueue(
      { id, version, sha256 },
      () => createNodeSession(model),
      storeBackend(store),
    );
    await enqueueAwaiting(queue, store, model.manifest);
    await queue.close();
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  const worklist = async (who: keyof typeof sessions) =>
    new Map(
      (
        await body<{ studies: WorklistItem[] }>(
          await callRoute('GET', '/api/studies', { session: sessions[who] }),
        )
      ).studies.map((item) => [item.studyId, item]),
    );

  it('gives each study its screening status, progress and out-of-scope reasons', async () => {
    const items = await worklist('alice');
    expect(items.get(crStudy)!.ai).toMatchObject({
      status: 'screened',
      screenedSeries: 1,
      eligibleSeries: 1,
      outOfScope: [],
      error: null,
    });
    expect(items.get(crStudy)!.ai.topProbability).toBeGreaterThanOrEqual(0);
    const ct = items.get(ctStudy)!.ai;
    expect(ct).toMatchObject({ status: 'out-of-scope', screenedSeries: 0, eligibleSeries: 0 });
    expect(ct.topProbability).toBeNull();
    expect(ct.outOfScope).toContainEqual({
      code: 'MODALITY',
      severity: 'block',
      message: expect.stringMatching(/^modality CT is outside the intended use/),
    });

    const detail = await body<{ inferences: InferenceView[] }>(
      await callRoute('GET', `/api/studies/${ctStudy}`, { session: sessions.alice }),
    );
    expect(detail.inferences).toHaveLength(1);
    expect(detail.inferences[0]).toMatchObject({
      probabilities: null,
      provider: null,
      findings: [],
    });
    expect(detail.inferences[0]!.outOfScope.map((r) => r.code)).toContain('MODALITY');
    const scored = await body<{ inferences: InferenceView[] }>(
      await callRoute('GET', `/api/studies/${crStudy}`, { session: sessions.alice }),
    );
    expect(Object.keys(scored.inferences[0]!.probabilities!)).toEqual(['pneumonia']);
    expect(scored.inferences[0]!.provider).toBe('onnxruntime-node/cpu');
  });

  it("counts other readers' signed reviews (drafts do not count, an amended review counts once) and names those reading, or who left a draft", async () => {
    const signed = await callRoute('POST', '/api/reviews', {
      session: sessions.bob,
      body: {
        studyId: crStudy,
        decisions: [{ finding: 'pneumonia', decision: 'agree' }],
        sign: true,
      },
    });
    expect(signed.status).toBe(201);
    const review = ((await signed.json()) as { review: { id: number } }).review;
    const draft = await callRoute('POST', '/api/reviews', {
      session: sessions.alice,
      body: { studyId: crStudy, decisions: [] },
    });
    expect(draft.status).toBe(201);

    let alice = await worklist('alice');
    expect(alice.get(crStudy)).toMatchObject({ othersSigned: 1, myReview: { status: 'draft' } });
    expect(alice.get(ctStudy)!.othersSigned).toBe(0);
    const bob = await worklist('bob');
    expect(bob.get(crStudy)).toMatchObject({ othersSigned: 0, myReview: { status: 'signed' } });
    expect((await worklist('audrey')).get(crStudy)!.othersSigned).toBe(1);
    // Alice's draft says to the others that she is reading it (who and since when, not what).
    const started = ((await draft.json()) as { review: { startedAt: string } }).review.startedAt;
    const reading = { reader: 'alice', since: started, signedIn: true };
    expect(bob.get(crStudy)!.othersReading).toEqual([reading]);
    expect((await worklist('audrey')).get(crStudy)!.othersReading).toEqual([reading]);
    expect(alice.get(crStudy)!.othersReading).toEqual([]);
    expect(bob.get(ctStudy)!.othersReading).toEqual([]);
    const page = await callRoute('GET', `/api/studies/${crStudy}`, { session: sessions.bob });
    expect(((await page.json()) as { othersReading: unknown }).othersReading).toEqual([reading]);
    // Once Alice is signed in nowhere (here: her session idle past the limit), her draft is one
    // she left, not a read in progress.
    const aliceId = (await store.db.user.findUniqueOrThrow({ where: { username: 'alice' } })).id;
    await store.db.session.updateMany({
      where: { userId: aliceId },
      data: { lastActiveAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect((await worklist('bob')).get(crStudy)!.othersReading).toEqual([
      { ...reading, signedIn: false },
    ]);
    await store.db.session.updateMany({
      where: { userId: aliceId },
      data: { lastActiveAt: new Date() },
    });

    const amended = await callRoute('POST', `/api/reviews/${review.id}/amend`, {
      session: sessions.bob,
      body: { decisions: [{ finding: 'pneumonia', decision: 'uncertain' }], reason: 'second look' },
    });
    expect(amended.status).toBe(201);
    alice = await worklist('alice');
    expect(alice.get(crStudy)!.othersSigned).toBe(1);
  });

  it('filters audit events and exports by user, study, kind and time on the server', async () => {
    const audrey = sessions.audrey;
    const all = (
      await body<{ events: Event[] }>(
        await callRoute('GET', '/api/audit/events?limit=1000', { session: audrey }),
      )
    ).events;
    const aboutStudy = (event: Event, id: number) =>
      (event.subjectType === 'study' && event.subjectId === String(id)) ||
      event.details.studyId === id;
    const middle = all[Math.floor(all.length / 2)]!.at;
    const cases: [string, (event: Event) => boolean][] = [
      ['user=bob', (e) => e.actorName === 'bob'],
      ['action=review', (e) => e.action.startsWith('review.')],
      ['action=review.sign', (e) => e.action === 'review.sign'],
      ['action=Inference.Record', (e) => e.action === 'inference.record'],
      [`study=${crStudy}`, (e) => aboutStudy(e, crStudy)],
      [`study=${ctStudy}`, (e) => aboutStudy(e, ctStudy)],
      [`study=${crStudy}&user=alice`, (e) => aboutStudy(e, crStudy) && e.actorName === 'alice'],
      [
        `from=${encodeURIComponent(middle)}&action=review`,
        (e) => e.at >= middle && e.action.startsWith('review.'),
      ],
      ['user=nobody', () => false],
    ];
    for (const [query, keep] of cases) {
      const expected = all.filter(keep).map((event) => event.seq);
      const { events } = await body<{ events: Event[] }>(
        await callRoute('GET', `/api/audit/events?${query}`, { session: audrey }),
      );
      expect(
        events.map((event) => event.seq),
        query,
      ).toEqual(expected);
      if (query !== 'user=nobody') {
        expect(expected.length, query).toBeGreaterThan(0);
        expect(expected.length, query).toBeLessThan(all.length);
      }
    }
    // The CR study's trail has each kind that names it: import, screening, views, reviews.
    const crKinds = new Set(all.filter((e) => aboutStudy(e, crStudy)).map((e) => e.action));
    expect([...crKinds].sort()).toEqual([
      'inference.record',
      'instance.import',
      'review.amend',
      'review.create',
      'review.sign',
      'study.view',
    ]);

    const query = `study=${crStudy}&action=review`;
    const expected = all.filter((e) => aboutStudy(e, crStudy) && e.action.startsWith('review.'));
    const csv = await callRoute('GET', `/api/audit/export?${query}&format=csv`, {
      session: audrey,
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(
      expected.map((e) => e.seq),
    );
    const json = await body<{ events: { seq: number }[] }>(
      await callRoute('GET', `/api/audit/export?${query}&format=json`, { session: audrey }),
    );
    expect(json.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    const exports = (
      await body<{ events: Event[] }>(
        await callRoute('GET', '/api/audit/events?action=audit.export', { session: audrey }),
      )
    ).events;
    expect(exports.at(-1)!.details).toMatchObject({
      study: crStudy,
      action: 'review',
      format: 'json',
      events: expected.length,
    });

    // Paged: each page continues where the one before stopped, and the last says no more follow,
    // also when the matching events fill the pages exactly. (The exports above were audited too.)
    const trail = (
      await body<{ events: Event[] }>(
        await callRoute('GET', '/api/audit/events?limit=1000', { session: audrey }),
      )
    ).events;
    const imports = trail.filter((e) => e.action === 'instance.import');
    expect(trail.length).toBeGreaterThan(all.length);
    for (const [query, size] of [
      ['', 7],
      ['action=instance.import', 1],
      ['action=instance.import', imports.length],
    ] as const) {
      const paged: number[] = [];
      let afterSeq: number | null = 0;
      let pages = 0;
      while (afterSeq !== null) {
        const page: { events: Event[]; nextAfterSeq: number | null } = await body(
          await callRoute('GET', `/api/audit/events?${query}&limit=${size}&afterSeq=${afterSeq}`, {
            session: audrey,
          }),
        );
        expect(page.events.length, query).toBeGreaterThan(0);
        expect(page.events.length, query).toBeLessThanOrEqual(size);
        paged.push(...page.events.map((event) => event.seq));
        afterSeq = page.nextAfterSeq;
        pages += 1;
      }
      const expected = query ? imports : trail;
      expect(paged, query).toEqual(expected.map((event) => event.seq));
      expect(pages, query).toBe(Math.ceil(expected.length / size));
    }

    for (const bad of ['study=abc', 'study=0', 'action=review%20sign', 'from=yesterday']) {
      const response = await callRoute('GET', `/api/audit/events?${bad}`, { session: audrey });
      expect(response.status, bad).toBe(400);
    }
  });
});
