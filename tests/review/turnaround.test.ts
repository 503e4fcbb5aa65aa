/**
 * Time to read, on both databases: from receipt to the first signature (an amendment does not
 * move it), for flagged, screened-not-flagged and unscored studies received in the window (a read
 * study as the worklist showed it when first signed, an unread one as it shows it now), with the
 * median and 90th percentile by nearest rank and what still waits, worked out by hand here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { triageTurnaround } from '../../lib/review';
import { databases, freshStore, type TestStore } from '../support/databases';

const t0 = new Date('2026-12-01T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(databases)('time to read on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('measures receipt to first signature per group, and the unread backlog', async () => {
    const { db } = store;
    const reader = await db.user.create({
      data: { username: 'r', role: 'radiologist', passwordHash: 'x' },
    });
    const model = await db.modelVersion.create({
      data: { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'a'.repeat(64) },
    });
    let n = 0;
    /** A screening result of the series recorded at `when`: flagged, scored or out of scope. */
    type Result = { when: Date; call: 'flagged' | 'negative' | 'out-of-scope'; browser?: true };
    const study = async (
      receivedAt: Date,
      now: { aiFlagged: boolean; aiStatus: string },
      signedAt: Date[] = [],
      results: Result[] = [],
    ) => {
      const row = await db.study.create({
        data: { studyInstanceUID: `1.2.3.${++n}`, createdAt: receivedAt, ...now },
      });
      const series = await db.series.create({
        data: { seriesInstanceUID: `1.2.3.${n}.1`, studyId: row.id, modality: 'CR' },
      });
      for (const { when, call, browser } of results) {
        const scored = call !== 'out-of-scope';
        await db.inference.create({
          data: {
            seriesId: series.id,
            modelVersionId: model.id,
            provider: scored ? (browser ? 'onnxruntime-web/webgpu' : 'onnxruntime-node/cpu') : null,
            inputSha256: 'b'.repeat(64),
            probabilities: scored ? JSON.stringify({ pneumonia: 0.5 }) : null,
            findings: JSON.stringify(
              scored ? [{ label: 'pneumonia', flagged: call === 'flagged' }] : [],
            ),
            timings: '{}',
            startedAt: when,
            finishedAt: when,
            createdAt: when,
          },
        });
      }
      let amends: number | null = null;
      for (const when of signedAt) {
        const review: { id: number } = await db.review.create({
          data: {
            studyId: row.id,
            readerId: reader.id,
            decisions: '[]',
            confounders: '[]',
            text: '',
            startedAt: when,
            signedAt: when,
            amendsId: amends,
          },
        });
        amends = review.id;
      }
    };
    const flagged = { aiFlagged: true, aiStatus: 'screened' };
    const negative = { aiFlagged: false, aiStatus: 'screened' };
    const flag = (when: Date): Result => ({ when, call: 'flagged' });
    const clear = (when: Date): Result => ({ when, call: 'negative' });
    // Flagged when read: the first read counts (an amendment at 50 does not move it).
    await study(t0, flagged, [at(10), at(50)], [flag(at(1))]);
    await study(t0, flagged, [at(30)], [flag(at(2))]);
    // Not flagged when read at 60; a later model flags it now: still read as not flagged.
    await study(t0, flagged, [at(60)], [clear(at(3)), flag(at(150))]);
    await study(at(100), flagged, [], [flag(at(101))]);
    // Flagged when read at 120; a later run clears it now: still read as flagged.
    await study(t0, negative, [at(120)], [flag(at(4)), clear(at(130))]);
    await study(t0, negative, [at(240)], [clear(at(5))]);
    await study(
      t0,
      { aiFlagged: false, aiStatus: 'out-of-scope' },
      [],
      [{ when: at(6), call: 'out-of-scope' }],
    );
    // Read at 20 while screening was pending (flagged at 25, after the read): not scored when
    // read. The browser's own flagged run, recorded with the review, never ordered the worklist.
    await study(
      t0,
      flagged,
      [at(20)],
      [{ when: at(19), call: 'flagged', browser: true }, flag(at(25))],
    );
    await study(at(-60 * 24 * 40), flagged); // before the window

    const report = await triageTurnaround(db, { since: at(-60), now: at(200) });
    expect(report).toEqual({
      since: at(-60).toISOString(),
      flagged: {
        studies: 4,
        read: 3,
        medianMinutes: 30,
        p90Minutes: 120,
        unread: 1,
        oldestUnreadMinutes: 100,
      },
      notFlagged: {
        studies: 2,
        read: 2,
        medianMinutes: 60,
        p90Minutes: 240,
        unread: 0,
        oldestUnreadMinutes: null,
      },
      notScored: {
        studies: 2,
        read: 1,
        medianMinutes: 20,
        p90Minutes: 20,
        unread: 1,
        oldestUnreadMinutes: 200,
      },
    });
  });
});
