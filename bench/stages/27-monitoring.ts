/**
 * Stage "monitoring": the auditors' screening over time (lib/review `screeningMonitoring`) over a
 * large SQLite archive (20 000 studies, tests/support/worklist-archive.ts, its inferences spread
 * over 12 weeks). Median ms and heap growth, against the peer of the database counting the same
 * weekly scored and flagged rows itself (one SQLite query per week, flags read with json_each),
 * which reads nothing out: the floor for the counts, without the mean probability or the reads.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchStage } from '../index';
import { screeningMonitoring, weekStart } from '../../lib/review';
import { openStore, storeConfigFromEnv } from '../../lib/store';
import { writeArchive } from '../../tests/support/worklist-archive';
import { benchWorkDir } from '../support/ct-series';

const STUDIES = 20_000;
const WEEKS = 12;
const ROUNDS = 5;
const WEEK_MS = 7 * 24 * 60 * 60_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(work: () => Promise<unknown>): Promise<{ ms: number; heapMb: number }> {
  const times: number[] = [];
  let heap = 0;
  for (let round = 0; round < ROUNDS; round++) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
  }
  return { ms: median(times), heapMb: heap / 1e6 };
}

export const stage: BenchStage = {
  name: 'monitoring',
  async run() {
    const dataDir = path.join(benchWorkDir, 'monitoring-store');
    rmSync(dataDir, { recursive: true, force: true });
    const store = await openStore(
      storeConfigFromEnv({
        SECONDLOOK_DATA_DIR: dataDir,
        DATABASE_URL: `file:${path.join(dataDir, 'secondlook.db')}`,
      }),
    );
    try {
      await writeArchive(store.db, STUDIES);
      const now = new Date();
      const first = weekStart(now).getTime() - (WEEKS - 1) * WEEK_MS;
      // The archive's inferences were all written now: spread them over the weeks, in id order.
      const ids = (
        await store.db.inference.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
      ).map((row) => row.id);
      const perWeek = Math.ceil(ids.length / WEEKS);
      for (let week = 0; week < WEEKS; week++) {
        const slice = ids.slice(week * perWeek, (week + 1) * perWeek);
        if (slice.length === 0) continue;
        await store.db.inference.updateMany({
          where: { id: { gte: slice[0]!, lte: slice[slice.length - 1]! } },
          data: { createdAt: new Date(first + week * WEEK_MS + 60_000) },
        });
      }
      const counted = async () => {
        const totals = { scored: 0, flagged: 0 };
        for (let week = 0; week < WEEKS; week++) {
          const from = new Date(first + week * WEEK_MS);
          const to = new Date(first + (week + 1) * WEEK_MS);
          const rows = await store.db.$queryRaw<{ scored: bigint; flagged: bigint }[]>`
            SELECT "modelVersionId", COUNT(*) AS scored,
              SUM(EXISTS (SELECT 1 FROM json_each("findings")
                WHERE json_extract(value, '$.flagged') = 1)) AS flagged
            FROM "Inference"
            WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND "probabilities" IS NOT NULL
            GROUP BY "modelVersionId"`;
          for (const row of rows) {
            totals.scored += Number(row.scored);
            totals.flagged += Number(row.flagged);
          }
        }
        return totals;
      };
      // Both count the same rows, or the ratio means nothing.
      const report = await screeningMonitoring(store.db, { weeks: WEEKS, now });
      const weeks = report.flatMap((model) => model.weeks);
      const scored = weeks.reduce((n, week) => n + week.scored, 0);
      const flagged = weeks.reduce((n, week) => n + week.flagged.count, 0);
      const peer = await counted();
      if (peer.scored !== scored || peer.flagged !== flagged) {
        throw new Error(
          `the peer counted ${peer.scored} scored and ${peer.flagged} flagged, screening over time ${scored} and ${flagged}`,
        );
      }
      const ours = await measure(() => screeningMonitoring(store.db, { weeks: WEEKS, now }));
      const theirs = await measure(counted);
      console.log(
        `${STUDIES} studies, ${ids.length} inferences (${scored} scored, ${flagged} flagged) over ${WEEKS} weeks: ` +
          `screening over time ${ours.ms.toFixed(0)} ms, heap +${ours.heapMb.toFixed(0)} MB; ` +
          `the database counting the weekly rows itself ${theirs.ms.toFixed(0)} ms, heap +${theirs.heapMb.toFixed(0)} MB ` +
          `(${(ours.ms / theirs.ms).toFixed(1)}x its time)`,
      );
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
