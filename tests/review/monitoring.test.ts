/**
 * Screening over time, on both databases: weekly scored, refused and flagged series and signed
 * reads per model version, with the p-chart limits worked out by hand here: a week whose flagged
 * (or disagreeing) share leaves the other weeks' pooled share by more than three standard errors
 * is out of control. The browser's runs, amended reads and rows outside the window do not count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screeningMonitoring, weekStart } from '../../lib/review';
import { databases, freshStore, type TestStore } from '../support/databases';

const now = new Date('2026-12-09T15:00:00Z'); // a Wednesday
const weeks = ['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07'];
/** Noon on the Tuesday of week `i`. */
const inWeek = (i: number) => new Date(`${weeks[i]}T12:00:00Z`).getTime() + 24 * 60 * 60_000;

describe('weeks', () => {
  it('start on Monday, midnight UTC', () => {
    expect(weekStart(now).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(weekStart(new Date('2026-12-07T00:00:00Z')).toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(weekStart(new Date('2026-12-06T23:59:59Z')).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });
});

describe.each(databases)('screening over time on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('counts each week per model and marks the weeks out of control', async () => {
    const { db } = store;
    const reader = await db.user.create({
      data: { username: 'r', role: 'radiologist', passwordHash: 'x' },
    });
    const older = await db.modelVersion.create({
      data: { name: 'pneumonia-cxr', version: '1.1.0', sha256: 'a'.repeat(64) },
    });
    const newer = await db.modelVersion.create({
      data: { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'b'.repeat(64) },
    });
    const study = await db.study.create({ data: { studyInstanceUID: '1.2.3' } });
    const series = await db.series.create({
      data: { seriesInstanceUID: '1.2.3.1', studyId: study.id, modality: 'CR' },
    });
    /** `n` inferences at `at`: flagged or not, scored with `p` or refused (p null). */
    const infer = async (
      model: { id: number },
      at: number,
      n: number,
      options: { flagged?: boolean; p?: number | null; provider?: string } = {},
    ) => {
      const p = options.p === undefined ? 0.5 : options.p;
      const when = new Date(at);
      await db.inference.createMany({
        data: Array.from({ length: n }, () => ({
          seriesId: series.id,
          modelVersionId: model.id,
          provider: p === null ? null : (options.provider ?? 'onnxruntime-node/cpu'),
          inputSha256: 'c'.repeat(64),
          probabilities: p === null ? null : JSON.stringify({ pneumonia: p }),
          findings: JSON.stringify(
            p === null ? [] : [{ label: 'pneumonia', flagged: options.flagged ?? false }],
          ),
          timings: '{}',
          startedAt: when,
          finishedAt: when,
          createdAt: when,
        })),
      });
      return db.inference.findFirstOrThrow({ orderBy: { id: 'desc' } });
    };
    const read = async (
      inferenceId: number,
      at: number,
      discordant: boolean,
      amendsId: number | null = null,
    ) =>
      db.review.create({
        data: {
          studyId: study.id,
          readerId: reader.id,
          inferenceId,
          decisions: '[]',
          discordant,
          confounders: '[]',
          text: '',
          startedAt: new Date(at),
          signedAt: new Date(at),
          amendsId,
        },
      });

    // Flagged 2, 2, 3 and then 12 of 20: the last week is out of control.
    for (const [week, flagged] of [2, 2, 3, 12].entries()) {
      await infer(older, inWeek(week), flagged, { flagged: true, p: 0.9 });
      await infer(older, inWeek(week), 20 - flagged, { p: 0.1 });
    }
    await infer(older, inWeek(0), 1, { p: null }); // refused: outside the intended use
    await infer(older, inWeek(3), 4, {
      flagged: true,
      p: 0.99,
      provider: 'onnxruntime-web/webgpu',
    });
    await infer(older, inWeek(0) - 14 * 24 * 60 * 60_000, 5, { flagged: true, p: 0.9 });
    const shown = await infer(older, inWeek(1), 1, { p: 0.1 });
    // Reads: 1 of 10, 1 of 10, then 8 of 10 disagree. An amended read counts as its amendment.
    for (const [week, disagree] of [
      [1, 1],
      [2, 1],
      [3, 8],
    ] as const) {
      for (let i = 0; i < 10; i += 1) await read(shown.id, inWeek(week), i < disagree);
    }
    const amended = await read(shown.id, inWeek(1), true);
    await read(shown.id, inWeek(2), false, amended.id);
    await infer(newer, inWeek(3), 4, { p: 0.2 });
    await infer(newer, inWeek(3), 1, { flagged: true, p: 0.8 });

    const report = await screeningMonitoring(db, { weeks: 4, now });
    expect(report.map((m) => m.model.version)).toEqual(['1.2.0', '1.1.0']);
    const [latest, previous] = report;
    expect(latest!.weeks.map((w) => [w.week, w.scored, w.flagged.count])).toEqual([
      [weeks[0], 0, 0],
      [weeks[1], 0, 0],
      [weeks[2], 0, 0],
      [weeks[3], 5, 1],
    ]);
    // No other week to hold the only one against.
    expect(latest!.weeks[3]!.flagged).toMatchObject({ outOfControl: false, limits: null });
    expect(latest!.weeks[3]!.meanTopProbability).toBeCloseTo((4 * 0.2 + 0.8) / 5, 12);

    const w = previous!.weeks;
    expect(w.map((x) => x.week)).toEqual(weeks);
    expect(w.map((x) => [x.scored, x.outOfScope, x.flagged.count])).toEqual([
      [20, 1, 2],
      [21, 0, 2],
      [20, 0, 3],
      [20, 0, 12],
    ]);
    // The last week against the pooled 7 of 61 before it.
    const centre = 7 / 61;
    const spread = 3 * Math.sqrt((centre * (1 - centre)) / 20);
    expect(w[3]!.flagged.limits!.upper).toBeCloseTo(centre + spread, 12);
    expect(w[3]!.flagged.limits!.lower).toBe(0);
    expect(w.map((x) => x.flagged.outOfControl)).toEqual([false, false, false, true]);
    expect(w[0]!.meanTopProbability).toBeCloseTo((2 * 0.9 + 18 * 0.1) / 20, 12);
    expect(w.map((x) => [x.discordant.count, x.discordant.of])).toEqual([
      [0, 0],
      [1, 10],
      [1, 11],
      [8, 10],
    ]);
    expect(w.map((x) => x.discordant.outOfControl)).toEqual([false, false, false, true]);
    expect(w[0]!.discordant.limits).toBeNull();
  });

  it('reads a busy week a page at a time and misses none', async () => {
    const { db } = store;
    const model = await db.modelVersion.create({
      data: { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'b'.repeat(64) },
    });
    const study = await db.study.create({ data: { studyInstanceUID: '1.2.4' } });
    const series = await db.series.create({
      data: { seriesInstanceUID: '1.2.4.1', studyId: study.id, modality: 'DX' },
    });
    const when = new Date(inWeek(3));
    await db.inference.createMany({
      data: Array.from({ length: 12_345 }, (_, i) => ({
        seriesId: series.id,
        modelVersionId: model.id,
        provider: 'onnxruntime-node/cpu',
        inputSha256: 'c'.repeat(64),
        probabilities: JSON.stringify({ pneumonia: 0.5 }),
        findings: JSON.stringify([{ label: 'pneumonia', flagged: i % 5 === 0 }]),
        timings: '{}',
        startedAt: when,
        finishedAt: when,
        createdAt: when,
      })),
    });
    const [report] = await screeningMonitoring(db, { weeks: 4, now });
    expect(report!.weeks[3]).toMatchObject({ scored: 12_345, flagged: { count: 2_469 } });
  });
});
