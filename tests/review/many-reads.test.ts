/**
 * An auditor's pages over a store that has been in use for a while: 1 200 studies, each screened
 * and read. Reader feedback and the saliency audit ask the database about every one of them, past
 * the 999 values Prisma binds in one SQLite statement, and still answer in full on both databases.
 * (Rows are written directly: what is under test is reading them.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readerFeedback, saliencyAudit } from '../../lib/review';
import { databases, freshStore, type TestStore } from '../support/databases';

const COUNT = 1200;

async function fillStore(store: TestStore): Promise<void> {
  const { db } = store;
  const reader = await db.user.create({
    data: { username: 'reader', role: 'radiologist', passwordHash: 'x' },
  });
  const model = await db.modelVersion.create({
    data: { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'a'.repeat(64) },
  });
  const uid = (i: number) => `1.2.826.0.1.3680043.10.1470.81.${i}`;
  await db.study.createMany({
    data: Array.from({ length: COUNT }, (_, i) => ({ studyInstanceUID: uid(i) })),
  });
  const studies = await db.study.findMany({ orderBy: { id: 'asc' } });
  await db.series.createMany({
    data: studies.map((study, i) => ({
      seriesInstanceUID: `${uid(i)}.1`,
      studyId: study.id,
      modality: 'CR',
    })),
  });
  const series = await db.series.findMany({ orderBy: { id: 'asc' } });
  const now = new Date();
  await db.inference.createMany({
    data: series.map((s) => ({
      seriesId: s.id,
      modelVersionId: model.id,
      provider: 'onnxruntime-node/cpu',
      inputSha256: 'b'.repeat(64),
      probabilities: JSON.stringify({ pneumonia: 0.9 }),
      findings: JSON.stringify([
        {
          label: 'pneumonia',
          probability: 0.9,
          operatingPoint: 'balanced',
          threshold: 0.5,
          flagged: true,
        },
      ]),
      timings: '{}',
      startedAt: now,
      finishedAt: now,
    })),
  });
  const inferences = await db.inference.findMany({ orderBy: { id: 'asc' } });
  await db.review.createMany({
    data: inferences.map((inference, i) => ({
      studyId: studies[i]!.id,
      readerId: reader.id,
      inferenceId: inference.id,
      decisions: JSON.stringify([{ finding: 'pneumonia', decision: 'agree' }]),
      confounders: JSON.stringify(i % 2 === 0 ? ['text-marker'] : []),
      text: '',
      startedAt: now,
      signedAt: now,
    })),
  });
}

describe.each(databases)('auditor pages over 1 200 reads on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
    await fillStore(store);
  }, 60_000);
  afterEach(() => store.dispose());

  it('reader feedback counts every signed review against its model', async () => {
    const [feedback] = await readerFeedback(store.db);
    expect(feedback).toMatchObject({
      model: { name: 'pneumonia-cxr', version: '1.2.0' },
      reviews: COUNT,
      flaggedReviews: COUNT / 2,
    });
  });

  it('the saliency audit sets every call beside what its readers flagged', async () => {
    const audit = await saliencyAudit(store.db, { limit: COUNT });
    expect(audit.rows).toHaveLength(COUNT);
    const flaggedByReaders = audit.rows.filter((row) => row.readerConfounders.length > 0);
    expect(flaggedByReaders).toHaveLength(COUNT / 2);
  });
});
