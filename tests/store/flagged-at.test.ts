/**
 * When a study's flag was raised, through the real writes on both databases: the time of the
 * inference that flagged it, kept while it stays flagged, gone when it is not; and the worklist's
 * backlog, whose latest flag moves on when a study is flagged while another is read (the case a
 * count misses), and alertStep, the worklist's alert, which follows it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { alertStep } from '../../app/_components/worklist/flagged-alert';
import { createUser, type SessionUser } from '../../lib/auth';
import { createReview } from '../../lib/review';
import { flaggedBacklog, importBytes, listWorklist, recordInference } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { syntheticImage } from '../support/synthetic-dicom';

let store: TestStore;

afterEach(async () => {
  await store.dispose();
});

const UID = '1.2.826.0.1.3680043.10.1470.84';

function radiograph(n: number): Uint8Array {
  return syntheticImage({
    sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
    sopInstanceUID: `${UID}.${n}.1.1`,
    size: 8,
    bits: 8,
    header: [
      { tag: 0x00080060, vr: 'CS', value: 'CR' },
      { tag: 0x0020000d, vr: 'UI', value: `${UID}.${n}` },
      { tag: 0x0020000e, vr: 'UI', value: `${UID}.${n}.1` },
    ],
  });
}

/** Records a screening of the series, flagged from p = 0.5 on; the inference's row. */
async function screen(seriesId: number, probability: number, version = '1.2.0') {
  const instance = await store.db.instance.findFirstOrThrow({ where: { seriesId } });
  const flagged = probability >= 0.5;
  const { id } = await recordInference(
    store.db,
    {
      seriesId,
      model: { name: 'pneumonia-cxr', version, sha256: 'a'.repeat(64) },
      provider: 'onnxruntime-node/cpu',
      inputSha256: instance.sha256,
      probabilities: { pneumonia: probability },
      findings: [
        { label: 'pneumonia', probability, operatingPoint: 'balanced', threshold: 0.5, flagged },
      ],
      timings: {},
      startedAt: new Date(),
      finishedAt: new Date(),
    },
    null,
  );
  return store.db.inference.findUniqueOrThrow({ where: { id } });
}

async function flaggedAt(studyId: number): Promise<Date | null> {
  return (await store.db.study.findUniqueOrThrow({ where: { id: studyId } })).aiFlaggedAt;
}

describe.each(databases)('when a study was flagged (%s)', (kind) => {
  it('is the flagging inference’s time, kept while flagged; the backlog’s latest moves on when one is read and another flagged', async () => {
    store = await freshStore(kind);
    const user = await createUser(
      store.db,
      { username: 'alice', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    const alice: SessionUser = { id: user.id, username: 'alice', role: 'radiologist' };
    // The worklist's backlog, and the same as the header's watch asks for it.
    const backlog = async () => {
      const { backlog: page } = await listWorklist(store.db, alice);
      expect(await flaggedBacklog(store.db)).toEqual(page);
      return page;
    };
    const [a, b] = [
      await importBytes(store, radiograph(1), 'a.dcm', null),
      await importBytes(store, radiograph(2), 'b.dcm', null),
    ];
    expect(await backlog()).toMatchObject({ flaggedUnread: 0, latestFlaggedAt: null });
    let seen = alertStep(undefined, await backlog()).seen;

    const flagging = await screen(a.seriesId!, 0.9);
    expect(await flaggedAt(a.studyId!)).toEqual(flagging.createdAt);
    expect(await backlog()).toEqual({
      flaggedUnread: 1,
      oldestReceivedAt: expect.any(String),
      latestFlaggedAt: flagging.createdAt.toISOString(),
    });
    let step = alertStep(seen, await backlog());
    expect(step.alert).toBe('A study was flagged since the last look; 1 waits for a first read.');
    seen = step.seen;
    expect(alertStep(seen, await backlog()).alert).toBeNull();

    // A newer model flags it again: the flag was raised before, and no alert is due.
    await screen(a.seriesId!, 0.95, '1.3.0');
    expect(await flaggedAt(a.studyId!)).toEqual(flagging.createdAt);
    expect(alertStep(seen, await backlog()).alert).toBeNull();

    // Between two looks, alice reads A and B is flagged: the count stays 1, the latest moves on.
    await createReview(store, alice, { studyId: a.studyId!, text: 'read', sign: true });
    const flaggingB = await screen(b.seriesId!, 0.9);
    expect(flaggingB.createdAt.getTime()).toBeGreaterThan(flagging.createdAt.getTime());
    expect(await backlog()).toMatchObject({
      flaggedUnread: 1,
      latestFlaggedAt: flaggingB.createdAt.toISOString(),
    });
    step = alertStep(seen, await backlog());
    expect(step.alert).toBe('A study was flagged since the last look; 1 waits for a first read.');
    seen = step.seen;

    // B no longer flagged: no flag time, nothing waits, and the memory keeps the latest seen.
    await screen(b.seriesId!, 0.1, '1.3.0');
    expect(await flaggedAt(b.studyId!)).toBeNull();
    expect(await backlog()).toMatchObject({ flaggedUnread: 0, latestFlaggedAt: null });
    step = alertStep(seen, await backlog());
    expect(step).toEqual({ seen, alert: null });
  });
});
