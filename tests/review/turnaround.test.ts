/**
 * Time to read, on both databases: from receipt to the first signature (an amendment does not
 * move it), for flagged, screened-not-flagged and unscored studies received in the window, with
 * the median and 90th percentile by nearest rank and what still waits, worked out by hand here.
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
    let n = 0;
    const study = async (
      receivedAt: Date,
      ai: { aiFlagged: boolean; aiStatus: string },
      signedAt: Date[] = [],
    ) => {
      const row = await db.study.create({
        data: { studyInstanceUID: `1.2.3.${++n}`, createdAt: receivedAt, ...ai },
      });
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
    await study(t0, flagged, [at(10), at(50)]); // amended at 50: first read at 10
    await study(t0, flagged, [at(30)]);
    await study(t0, flagged, [at(60)]);
    await study(at(100), flagged);
    await study(t0, negative, [at(120)]);
    await study(t0, negative, [at(240)]);
    await study(t0, { aiFlagged: false, aiStatus: 'out-of-scope' });
    await study(at(-60 * 24 * 40), flagged); // before the window

    const report = await triageTurnaround(db, { since: at(-60), now: at(200) });
    expect(report).toEqual({
      since: at(-60).toISOString(),
      flagged: {
        studies: 4,
        read: 3,
        medianMinutes: 30,
        p90Minutes: 60,
        unread: 1,
        oldestUnreadMinutes: 100,
      },
      notFlagged: {
        studies: 2,
        read: 2,
        medianMinutes: 120,
        p90Minutes: 240,
        unread: 0,
        oldestUnreadMinutes: null,
      },
      notScored: {
        studies: 1,
        read: 0,
        medianMinutes: null,
        p90Minutes: null,
        unread: 1,
        oldestUnreadMinutes: 200,
      },
    });
  });
});
