import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import { createUser, type SessionUser } from '../../lib/auth';
import { sha256Hex } from '../../lib/audit';
import {
  amendReview,
  createReview,
  discardDraft,
  listReviews,
  signReview,
  updateDraft,
} from '../../lib/review';
import { importPaths, listWorklist, recordInference } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';

const password = 'correct horse battery';

describe.each(databases)('reviews on %s', (kind) => {
  let store: TestStore;
  let alice: SessionUser;
  let bob: SessionUser;
  let auditor: SessionUser;
  let studyId: number;

  beforeEach(async () => {
    store = await freshStore(kind);
    const make = async (username: string, role: SessionUser['role']) => {
      const user = await createUser(store.db, { username, role, password }, null);
      return { id: user.id, username, role };
    };
    alice = await make('alice', 'radiologist');
    bob = await make('bob', 'radiologist');
    auditor = await make('audrey', 'auditor');
    const summary = await importPaths(
      store,
      [path.join(sharedDicomDir, 'dcmqi', 'ct-3slice')],
      null,
    );
    studyId = summary.results[0]!.studyId!;
  });
  afterEach(() => store.dispose());

  it('never changes a signed review; an amendment is a new row pointing at it', async () => {
    const draft = await createReview(store, alice, {
      studyId,
      decisions: [{ finding: 'pneumonia', decision: 'agree' }],
    });
    const signed = await signReview(store, alice, draft.id);
    expect(signed.signedAt).not.toBeNull();
    await expect(updateDraft(store, alice, draft.id, { text: 'edited' })).rejects.toMatchObject({
      code: 'REVIEW_SIGNED',
    });
    await expect(signReview(store, alice, draft.id)).rejects.toMatchObject({
      code: 'REVIEW_SIGNED',
    });
    const amendment = await amendReview(store, alice, draft.id, {
      decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
      text: 'second look',
      reason: 'missed the effusion',
    });
    expect(amendment).toMatchObject({ amendsId: draft.id, status: 'signed' });
    await expect(amendReview(store, alice, draft.id, { text: 'again' })).rejects.toMatchObject({
      code: 'REVIEW_AMENDED',
    });
    const original = await store.db.review.findUniqueOrThrow({ where: { id: draft.id } });
    expect(JSON.parse(original.decisions)).toEqual([{ finding: 'pneumonia', decision: 'agree' }]);
    expect(original.signedAt?.toISOString()).toBe(signed.signedAt);
    const [, mine] = await listReviews(store.db, alice, studyId);
    expect(mine).toMatchObject({ id: amendment.id, status: 'signed' });
    expect((await listReviews(store.db, alice, studyId))[0]!.status).toBe('amended');
  });

  it('drafts an amendment: the review stays in force until the draft is signed, then it is amended', async () => {
    const original = await createReview(store, alice, {
      studyId,
      decisions: [{ finding: 'pneumonia', decision: 'agree' }],
      sign: true,
    });
    const draft = await amendReview(store, alice, original.id, {
      decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
      text: 'second look',
      draft: true,
    });
    expect(draft).toMatchObject({
      status: 'draft',
      signedAt: null,
      amendsId: null,
      amendingId: original.id,
      inferenceId: original.inferenceId,
    });
    const before = await listReviews(store.db, alice, studyId);
    expect(before.map((r) => [r.id, r.status])).toEqual([
      [original.id, 'signed'],
      [draft.id, 'draft'],
    ]);
    const [row] = (await listWorklist(store.db, alice)).studies;
    expect(row!.myReview).toMatchObject({ status: 'signed', reviewId: original.id });
    await expect(
      amendReview(store, alice, original.id, { text: 'another', draft: true }),
    ).rejects.toMatchObject({ code: 'REVIEW_DRAFT_EXISTS' });
    await expect(updateDraft(store, bob, draft.id, { text: 'mine' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    // Kept while written (a call, a logoff for idling), then signed: it amends the review.
    await updateDraft(store, alice, draft.id, { text: 'missed the effusion' });
    const signed = await updateDraft(store, alice, draft.id, { sign: true });
    expect(signed).toMatchObject({
      status: 'signed',
      amendsId: original.id,
      amendingId: null,
      text: 'missed the effusion',
      decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
    });
    expect((await listReviews(store.db, alice, studyId))[0]).toMatchObject({
      id: original.id,
      status: 'amended',
      amendedById: draft.id,
    });
    const event = await store.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event.action).toBe('review.amend');
    expect(JSON.parse(event.details)).toMatchObject({
      amendsId: original.id,
      signed: true,
      reasonSha256: sha256Hex('missed the effusion'),
    });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('makes no other amendment while a draft one exists, and discards drafts', async () => {
    const original = await createReview(store, alice, { studyId, sign: true });
    const draft = await amendReview(store, alice, original.id, { text: 'slow', draft: true });
    // Signed at once from a second tab, it would leave the draft stale: refused.
    await expect(
      amendReview(store, alice, original.id, { text: 'quick', reason: 'quick' }),
    ).rejects.toMatchObject({ code: 'REVIEW_DRAFT_EXISTS' });
    expect((await listReviews(store.db, alice, studyId)).map((r) => r.status)).toEqual([
      'signed',
      'draft',
    ]);
    await expect(discardDraft(store, bob, draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await discardDraft(store, alice, draft.id);
    expect(await store.db.review.findUnique({ where: { id: draft.id } })).toBeNull();
    // Discarded, the review can be amended again.
    const amendment = await amendReview(store, alice, original.id, { text: 'now', reason: 'now' });
    expect(amendment).toMatchObject({ status: 'signed', amendsId: original.id });
    await expect(discardDraft(store, alice, original.id)).rejects.toMatchObject({
      code: 'REVIEW_SIGNED',
    });
    const event = await store.db.auditEvent.findFirstOrThrow({
      where: { action: 'review.discard' },
    });
    expect(event.subjectId).toBe(String(draft.id));
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('keeps a review to its reader', async () => {
    const draft = await createReview(store, alice, { studyId });
    await expect(updateDraft(store, bob, draft.id, { text: 'mine now' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(signReview(store, bob, draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await listReviews(store.db, bob, studyId)).toEqual([]);
    expect(await listReviews(store.db, auditor, studyId)).toHaveLength(1);
  });

  it('keeps both reviews when two readers review the same study at once', async () => {
    const [a, b] = await Promise.all([
      createReview(store, alice, {
        studyId,
        decisions: [{ finding: 'pneumonia', decision: 'agree' }],
        sign: true,
      }),
      createReview(store, bob, {
        studyId,
        decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
        sign: true,
      }),
    ]);
    const all = await listReviews(store.db, auditor, studyId);
    expect(all.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(all.map((r) => r.reader.username).sort()).toEqual(['alice', 'bob']);
    const report = await verifyAuditChain(store.db);
    expect(report.ok).toBe(true);
  });

  it('rejects decisions outside agree/disagree/uncertain', async () => {
    await expect(
      createReview(store, alice, {
        studyId,
        decisions: [{ finding: 'pneumonia', decision: 'maybe' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REVIEW' });
    expect(await store.db.review.count()).toBe(0);
  });

  it('shows the reader their review state and discordance with the AI on the worklist', async () => {
    const series = await store.db.series.findFirstOrThrow();
    await recordInference(
      store.db,
      {
        seriesId: series.id,
        model: { name: 'pneumonia-cxr', version: '1', sha256: 'c'.repeat(64) },
        provider: 'cpu',
        inputSha256: 'd'.repeat(64),
        probabilities: { pneumonia: 0.91 },
        findings: [
          {
            label: 'pneumonia',
            probability: 0.91,
            operatingPoint: 'balanced',
            threshold: 0.5,
            flagged: true,
          },
        ],
        timings: { inferenceMs: 5 },
        startedAt: new Date(),
        finishedAt: new Date(),
      },
      null,
    );
    await createReview(store, alice, {
      studyId,
      decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
      sign: true,
    });
    const [forAlice] = (await listWorklist(store.db, alice)).studies;
    const [forBob] = (await listWorklist(store.db, bob)).studies;
    expect(forAlice).toMatchObject({
      ai: { status: 'screened', topProbability: 0.91, flaggedFindings: ['pneumonia'] },
      myReview: { status: 'signed', discordant: true },
    });
    expect(forBob!.myReview).toEqual({ status: 'none', reviewId: null, discordant: null });
  });
});
