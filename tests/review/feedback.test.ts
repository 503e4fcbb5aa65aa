/**
 * Reader feedback per model version, on both databases: only signed reviews in force count (a
 * draft never, an amended review only through its amendment), each finding's decisions and each
 * confounder flag are counted per review, and a flag names each of its studies once.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, type SessionUser } from '../../lib/auth';
import { amendReview, createReview, readerFeedback } from '../../lib/review';
import { importPaths, recordInference } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';

const password = 'correct horse battery';
const ct = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const cr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');

describe.each(databases)('reader feedback on %s', (kind) => {
  let store: TestStore;
  let alice: SessionUser;
  let bob: SessionUser;

  beforeEach(async () => {
    store = await freshStore(kind);
    const make = async (username: string) => {
      const user = await createUser(store.db, { username, role: 'radiologist', password }, null);
      return { id: user.id, username, role: 'radiologist' as const };
    };
    alice = await make('alice');
    bob = await make('bob');
  });
  afterEach(() => store.dispose());

  async function screened(file: string, version: string) {
    const { results } = await importPaths(store, [file], null);
    const { studyId, seriesId } = results[0]!;
    const inference = await recordInference(
      store.db,
      {
        seriesId: seriesId!,
        model: { name: 'pneumonia-cxr', version, sha256: version.repeat(64).slice(0, 64) },
        provider: 'onnxruntime-node/cpu',
        inputSha256: 'd'.repeat(64),
        probabilities: { pneumonia: 0.8 },
        findings: [
          {
            label: 'pneumonia',
            probability: 0.8,
            operatingPoint: 'balanced',
            threshold: 0.6,
            flagged: true,
          },
        ],
        timings: { inferenceMs: 5 },
        startedAt: new Date(),
        finishedAt: new Date(),
      },
      null,
    );
    return { studyId: studyId!, inferenceId: inference.id };
  }

  const decided = (decision: string) => [{ finding: 'pneumonia', decision }];

  it('counts the signed reviews in force per model version, newest model first', async () => {
    const older = await screened(ct, '1');
    const newer = await screened(cr, '2');
    for (const [reader, decision, confounders] of [
      [alice, 'agree', ['text-marker']],
      [bob, 'disagree', ['text-marker', 'border', 'text-marker']],
    ] as const) {
      await createReview(store, reader, {
        ...older,
        decisions: decided(decision),
        confounders,
        sign: true,
      });
    }
    const first = await createReview(store, alice, {
      ...newer,
      decisions: decided('uncertain'),
      sign: true,
    });
    await amendReview(store, alice, first.id, {
      decisions: decided('agree'),
      confounders: ['tube-or-line'],
      reason: 'second look',
    });
    await createReview(store, bob, { ...newer, decisions: decided('disagree') });
    await createReview(store, bob, {
      studyId: newer.studyId,
      decisions: decided('disagree'),
      confounders: ['border'],
      sign: true,
    });

    const zero = { agree: 0, disagree: 0, uncertain: 0 };
    expect(await readerFeedback(store.db)).toEqual([
      {
        model: { name: 'pneumonia-cxr', version: '2' },
        reviews: 1,
        flaggedReviews: 1,
        findings: [{ finding: 'pneumonia', counts: { ...zero, agree: 1 } }],
        confounders: [{ flag: 'tube-or-line', reviews: 1, studyIds: [newer.studyId] }],
      },
      {
        model: { name: 'pneumonia-cxr', version: '1' },
        reviews: 2,
        flaggedReviews: 2,
        findings: [{ finding: 'pneumonia', counts: { ...zero, agree: 1, disagree: 1 } }],
        confounders: [
          { flag: 'text-marker', reviews: 2, studyIds: [older.studyId] },
          { flag: 'border', reviews: 1, studyIds: [older.studyId] },
        ],
      },
      {
        model: null,
        reviews: 1,
        flaggedReviews: 1,
        findings: [{ finding: 'pneumonia', counts: { ...zero, disagree: 1 } }],
        confounders: [{ flag: 'border', reviews: 1, studyIds: [newer.studyId] }],
      },
    ]);
  });

  it('is empty before anything is signed', async () => {
    const older = await screened(ct, '1');
    await createReview(store, alice, { ...older, decisions: decided('agree') });
    expect(await readerFeedback(store.db)).toEqual([]);
  });
});
