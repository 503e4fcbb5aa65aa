/**
 * The worklist filtered, ordered and paged in the database, on both databases, against an
 * independent reference: every study loaded whole (the AI summary from its rows, the reader's
 * review state), filtered and sorted here by the rules app/api/README.md states. The archive is
 * written row by row without keys, as a database from before them holds it; opening the store
 * computes them. Then the keys follow real writes (an import, an inference, a screening failure),
 * and the next study to read follows the same order.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDiscordant, type FindingDecision } from '../../lib/review';
import {
  importBytes,
  listWorklist,
  nextUnread,
  openStore,
  recordInference,
  recordScreeningFailure,
  type Store,
  type WorklistItem,
  type WorklistQuery,
} from '../../lib/store';
import { loadStudies, toWorklistItem } from '../../lib/store/worklist';
import { databases, freshStore, type TestStore } from '../support/databases';
import { migrateSeeded } from '../support/migrations';
import { repoRoot } from '../support/paths';
import { syntheticImage } from '../support/synthetic-dicom';
import { ARCHIVE_STUDIES, writeArchive } from '../support/worklist-archive';

const execFileAsync = promisify(execFile);

type Reader = { id: number; username: string; role: 'radiologist' };

/** The rules of app/api/README.md, written again here. */
const normalise = (text: string | null) =>
  (text ?? '')
    .toLowerCase()
    .split(/[\s,^=]+/)
    .filter(Boolean)
    .join(' ');

function reviewState(item: WorklistItem) {
  const signed = item.myReview.status === 'signed' || item.myReview.status === 'amended';
  if (signed) return item.myReview.discordant ? 'discordant' : 'read-by-me';
  return item.othersSigned > 0 ? 'read-by-others' : 'unread';
}

function matches(item: WorklistItem, query: WorklistQuery): boolean {
  const text = normalise(query.text ?? '');
  const fields = [item.patientName, item.patientId, item.studyDescription];
  if (text && !fields.some((field) => normalise(field).includes(text))) return false;
  if (query.modality && !item.modalities.includes(query.modality)) return false;
  if (query.aiStatus && item.ai.status !== query.aiStatus) return false;
  if (query.flaggedOnly && item.ai.flaggedFindings.length === 0) return false;
  if (query.review && reviewState(item) !== query.review) return false;
  if (query.from || query.to) {
    if (item.studyDate === null) return false;
    if (query.from && item.studyDate < query.from.replaceAll('-', '')) return false;
    if (query.to && item.studyDate > query.to.replaceAll('-', '')) return false;
  }
  return true;
}

function dateOf(item: WorklistItem): string {
  const da = /^(\d{4})(\d{2})(\d{2})$/.exec(item.studyDate ?? '');
  return da ? `${da[1]}-${da[2]}-${da[3]}T00:00:00.000Z` : item.createdAt;
}

function compare(a: WorklistItem, b: WorklistItem): number {
  const flagged = (item: WorklistItem) => (item.ai.flaggedFindings.length > 0 ? 0 : 1);
  return (
    flagged(a) - flagged(b) ||
    (b.ai.topProbability ?? -1) - (a.ai.topProbability ?? -1) ||
    dateOf(a).localeCompare(dateOf(b)) ||
    a.studyId - b.studyId
  );
}

async function everything(store: Store, reader: Reader): Promise<WorklistItem[]> {
  return (await loadStudies(store.db, reader))
    .map((study) => toWorklistItem(study, reader))
    .sort(compare);
}

/** Every page of a query, `limit` at a time. */
async function allPages(store: Store, reader: Reader, query: WorklistQuery, limit: number) {
  const items: WorklistItem[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await listWorklist(store.db, reader, { ...query, limit, offset });
    items.push(...page.studies);
    if (page.studies.length < limit) return { items, total: page.total };
  }
}

const QUERIES: WorklistQuery[] = [
  {},
  { text: 'osterman phillip' },
  { text: 'OSTERMAN^PHILLIP' },
  { text: 'Osterman,  Phillip' },
  { text: 'phillip osterman' },
  { text: 'müller' },
  { text: '山田' },
  { text: '100%' },
  { text: '%' },
  { text: 'under_' },
  { text: '_' },
  { text: 'id-11' },
  { text: 'chest ap portable' },
  { text: 'ap\\pa' },
  { text: '\\' },
  { modality: 'CT' },
  { modality: 'DX', flaggedOnly: true },
  { aiStatus: 'pending' },
  { aiStatus: 'retrying' },
  { aiStatus: 'failed' },
  { aiStatus: 'screened' },
  { aiStatus: 'out-of-scope' },
  { flaggedOnly: true },
  { review: 'unread' },
  { review: 'read-by-me' },
  { review: 'read-by-others' },
  { review: 'discordant' },
  { from: '2023-01-01' },
  { to: '2022-06-30' },
  { from: '2021-03-01', to: '2024-05-31', review: 'unread', modality: 'CR' },
];

describe.each(databases)('the worklist in the database on %s', (kind) => {
  let seeded: TestStore;
  let store: Store;
  let reader: Reader;
  let other: Reader;

  beforeAll(async () => {
    seeded = await freshStore(kind);
    const ids = await writeArchive(seeded.db);
    reader = { id: ids.readerId, username: 'reader', role: 'radiologist' };
    other = { id: ids.otherId, username: 'other', role: 'radiologist' };
    store = await openStore(seeded.config);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await seeded.dispose();
  });

  it('computes the keys of studies written before them when the store opens', async () => {
    expect(store.keysComputed).toBe(ARCHIVE_STUDIES);
    expect(await store.db.study.count({ where: { keysVersion: 0 } })).toBe(0);
    expect(await store.db.study.count()).toBe(ARCHIVE_STUDIES);
  });

  it('has them computed by `secondlook db migrate`, so the server that follows opens at once', async () => {
    await store.db.study.updateMany({ data: { keysVersion: 0, worklistOrder: '' } });
    const migrate = async () => {
      const { stdout } = await execFileAsync(
        process.execPath,
        [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'db', 'migrate', '--json'],
        { cwd: repoRoot, env: { ...process.env, ...seeded.env }, encoding: 'utf8' },
      );
      return (JSON.parse(stdout) as { keysComputed: number }).keysComputed;
    };
    expect(await migrate()).toBe(ARCHIVE_STUDIES);
    expect(await store.db.study.count({ where: { worklistOrder: '' } })).toBe(0);
    expect(await migrate()).toBe(0);
  }, 120_000);

  it('has its keys computed by several server processes opening it at once', async () => {
    await store.db.study.updateMany({ data: { keysVersion: 0, worklistOrder: '' } });
    const opener = path.join(repoRoot, 'tests', 'support', 'store-opener.ts');
    const startAt = Date.now() + 4_000;
    const runs = await Promise.all(
      Array.from({ length: 3 }, () =>
        execFileAsync(process.execPath, ['--import', 'tsx', opener, String(startAt)], {
          cwd: repoRoot,
          env: { ...process.env, ...seeded.env },
          encoding: 'utf8',
        }),
      ),
    );
    expect(runs.map((run) => run.stdout)).toEqual(['0', '0', '0']);
    expect(await store.db.study.count({ where: { worklistOrder: '' } })).toBe(0);
  }, 120_000);

  it('pages every filter exactly as the reference filters and orders all studies', async () => {
    const reference = await everything(store, reader);
    // The archive exercises every filter: none of these is empty, none is everything.
    for (const query of QUERIES) {
      const expected = reference.filter((item) => matches(item, query));
      const { items, total } = await allPages(store, reader, query, 500);
      expect(
        items.map((item) => item.studyId),
        JSON.stringify(query),
      ).toEqual(expected.map((item) => item.studyId));
      expect(total, JSON.stringify(query)).toBe(expected.length);
      if (Object.keys(query).length > 0 && !['phillip osterman'].includes(query.text ?? '')) {
        expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
        expect(expected.length, JSON.stringify(query)).toBeLessThan(reference.length);
      }
    }
    expect(reference.filter((item) => matches(item, { text: 'phillip osterman' }))).toEqual([]);
    const { items } = await allPages(store, reader, {}, 500);
    expect(items).toEqual(reference);
  });

  it('gives the same rows in small pages, and the store-wide choices and progress', async () => {
    const reference = await everything(store, reader);
    const { items } = await allPages(store, reader, {}, 37);
    expect(items.map((item) => item.studyId)).toEqual(reference.map((item) => item.studyId));
    const page = await listWorklist(store.db, reader, { limit: 7, offset: 13 });
    expect(page.studies).toEqual(reference.slice(13, 20));
    expect(page).toMatchObject({ total: ARCHIVE_STUDIES, offset: 13, limit: 7 });
    expect(page.modalities).toEqual(['CR', 'CT', 'DX']);
    const pending = reference.filter((item) => item.ai.status === 'pending');
    expect(page.progress).toEqual({
      studies: pending.length,
      screenedSeries: pending.reduce((sum, item) => sum + item.ai.screenedSeries, 0),
      eligibleSeries: pending.reduce((sum, item) => sum + item.ai.eligibleSeries, 0),
    });
    expect(pending.length).toBeGreaterThan(0);
    // The backlog: flagged studies nobody has a standing signature on, and the oldest's arrival.
    const waiting = reference.filter(
      (item) => item.ai.flaggedFindings.length > 0 && reviewState(item) === 'unread',
    );
    expect(waiting.length).toBeGreaterThan(0);
    // The latest flag: an archive from before flag times has each taken from the inference that
    // flags its study when the store opens.
    const flagging = await store.db.inference.findMany({
      where: { id: { in: waiting.map((item) => item.ai.inferenceId!) } },
    });
    expect(flagging).toHaveLength(waiting.length);
    expect(page.backlog).toEqual({
      flaggedUnread: waiting.length,
      oldestReceivedAt: waiting.map((item) => item.createdAt).sort()[0],
      latestFlaggedAt: flagging
        .map((row) => row.createdAt.toISOString())
        .sort()
        .at(-1),
    });
  });

  it("filters each reader's own review state", async () => {
    const mine = await allPages(store, reader, { review: 'read-by-me' }, 500);
    const theirs = await allPages(store, other, { review: 'read-by-me' }, 500);
    expect(mine.items.map((item) => item.studyId)).not.toEqual(
      theirs.items.map((item) => item.studyId),
    );
    const reference = await everything(store, other);
    expect(theirs.items.map((item) => item.studyId)).toEqual(
      reference
        .filter((item) => matches(item, { review: 'read-by-me' }))
        .map((item) => item.studyId),
    );
  });

  it('leads the reader to the next study they have not signed, wrapping at the end', async () => {
    const reference = await everything(store, reader);
    const unsigned = (item: WorklistItem) =>
      item.myReview.status !== 'signed' && item.myReview.status !== 'amended';
    for (const at of [0, 1, 500, reference.length - 2, reference.length - 1]) {
      const current = reference[at]!;
      const after = [...reference.slice(at + 1), ...reference.slice(0, at)];
      const expected = after.find(unsigned) ?? null;
      expect((await nextUnread(store.db, reader, current.studyId))?.studyId ?? null).toBe(
        expected?.studyId ?? null,
      );
    }
    await expect(nextUnread(store.db, reader, 999_999)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('moves a study as it is imported, screened and fails, through the real writes', async () => {
    const uid = '1.2.826.0.1.3680043.10.1470.83';
    const file = (n: number) =>
      syntheticImage({
        sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
        sopInstanceUID: `${uid}.${n}.1.1`,
        size: 8,
        bits: 8,
        header: [
          { tag: 0x00080060, vr: 'CS', value: 'CR' },
          { tag: 0x00100010, vr: 'PN', value: `Newcomer^Number${n}` },
          { tag: 0x0020000d, vr: 'UI', value: `${uid}.${n}` },
          { tag: 0x0020000e, vr: 'UI', value: `${uid}.${n}.1` },
        ],
      });
    const [first, second] = [
      await importBytes(store, file(1), 'first.dcm', null),
      await importBytes(store, file(2), 'second.dcm', null),
    ];
    const found = await listWorklist(store.db, reader, { text: 'newcomer', aiStatus: 'pending' });
    expect(found.studies.map((item) => item.studyId).sort()).toEqual(
      [first.studyId, second.studyId].sort(),
    );

    const model = { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'a'.repeat(64) };
    const instance = await store.db.instance.findFirstOrThrow({
      where: { seriesId: first.seriesId! },
    });
    await recordInference(
      store.db,
      {
        seriesId: first.seriesId!,
        model,
        provider: 'onnxruntime-node/cpu',
        inputSha256: instance.sha256,
        probabilities: { pneumonia: 1 },
        findings: [
          {
            label: 'pneumonia',
            probability: 1,
            operatingPoint: 'balanced',
            threshold: 0.5,
            flagged: true,
          },
        ],
        timings: {},
        startedAt: new Date(),
        finishedAt: new Date(),
      },
      null,
    );
    await recordScreeningFailure(
      store.db,
      {
        seriesId: second.seriesId!,
        model,
        error: { code: 'DECODE_FAILED', message: 'the reason' },
        failedAt: new Date(),
        retryDelayMs: () => null,
      },
      null,
    );
    const reference = await everything(store, reader);
    expect((await allPages(store, reader, {}, 500)).items).toEqual(reference);
    const newcomers = await listWorklist(store.db, reader, { text: 'newcomer' });
    expect(newcomers.studies.map((item) => [item.studyId, item.ai.status])).toEqual([
      [first.studyId, 'screened'],
      [second.studyId, 'failed'],
    ]);
    const failed = await listWorklist(store.db, reader, { aiStatus: 'failed', text: 'newcomer' });
    expect(failed.studies.map((item) => item.studyId)).toEqual([second.studyId]);
  });
});

describe.each(databases)('the worklist_keys migration on %s', (kind) => {
  it('keeps every study, series and review, amendments included, and marks the disagreeing ones', async () => {
    const decisions = [
      '[{"finding":"pneumonia","decision":"disagree"}]',
      '[{"finding":"pneumonia","decision":"agree"}]',
      '[{"finding":"pneumonia","decision":"uncertain"},{"finding":"effusion","decision":"disagree"}]',
      '[{"finding":"\\"decision\\":\\"disagree\\"","decision":"agree"}]',
      '[]',
    ];
    const seed = [
      `INSERT INTO "User" ("id", "username", "role", "passwordHash") VALUES (1, 'r', 'radiologist', 'x')`,
      `INSERT INTO "Study" ("id", "studyInstanceUID", "patientName") VALUES (1, '1.2.3', 'Doe^Jane'), (2, '1.2.4', NULL)`,
      `INSERT INTO "Series" ("id", "seriesInstanceUID", "studyId") VALUES (1, '1.2.3.1', 1), (2, '1.2.4.1', 2)`,
      ...decisions.map(
        (text, i) =>
          `INSERT INTO "Review" ("id", "studyId", "readerId", "decisions", "confounders", "text", "startedAt", "signedAt", "amendsId") VALUES (${i + 1}, ${(i % 2) + 1}, 1, '${text}', '[]', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ${i === 1 ? 1 : 'NULL'})`,
      ),
    ];
    const rows = await migrateSeeded<{
      id: number;
      amendsId: number | null;
      discordant: boolean | number;
      decisions: string;
      seriesId: number;
      keysVersion: number;
    }>(
      kind,
      '_worklist_keys',
      seed,
      `SELECT "Review"."id", "amendsId", "discordant", "decisions", "Series"."id" AS "seriesId", "keysVersion"
         FROM "Review" JOIN "Study" ON "Study"."id" = "Review"."studyId"
         JOIN "Series" ON "Series"."studyId" = "Study"."id" ORDER BY "Review"."id"`,
    );
    expect(rows.map((row) => row.decisions)).toEqual(decisions);
    expect(rows.map((row) => row.amendsId)).toEqual([null, 1, null, null, null]);
    expect(rows.map((row) => row.seriesId)).toEqual([1, 2, 1, 2, 1]);
    expect(rows.every((row) => row.keysVersion === 0)).toBe(true);
    expect(rows.map((row) => Boolean(row.discordant))).toEqual(
      decisions.map((text) => isDiscordant(JSON.parse(text) as FindingDecision[])),
    );
    expect(rows.map((row) => Boolean(row.discordant))).toEqual([true, false, true, false, false]);
  });
});
