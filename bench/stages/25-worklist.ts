/**
 * Stage "worklist": a reader's worklist over a large SQLite archive (20 000 studies with every
 * screening state and reviews, tests/support/worklist-archive.ts). Median ms and heap growth of
 * the first page (100 studies), a patient search, a review-state filter and the next study to
 * read, each against the peer that loads every study and sorts it in memory (what
 * `GET /api/studies` did before the worklist keys). Also the one-off cost of computing the keys
 * of a store written before them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchStage } from '../index';
import {
  listWorklist,
  nextUnread,
  openStore,
  refreshStaleWorklistKeys,
  storeConfigFromEnv,
} from '../../lib/store';
import { loadStudies, toWorklistItem } from '../../lib/store/worklist';
import { writeArchive } from '../../tests/support/worklist-archive';
import { benchWorkDir } from '../support/ct-series';

const STUDIES = 20_000;
const ROUNDS = 5;

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
  name: 'worklist',
  async run() {
    const dataDir = path.join(benchWorkDir, 'worklist-store');
    rmSync(dataDir, { recursive: true, force: true });
    const config = storeConfigFromEnv({
      SECONDLOOK_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, 'secondlook.db')}`,
    });
    const seeding = await openStore(config);
    const { readerId } = await writeArchive(seeding.db, STUDIES);
    await seeding.db.study.updateMany({ data: { keysVersion: 0 } });
    const started = performance.now();
    const refreshed = await refreshStaleWorklistKeys(seeding.db);
    console.log(
      `keys of a store written before them: ${refreshed} studies in ${((performance.now() - started) / 1000).toFixed(1)} s (once, when the store opens)`,
    );
    await seeding.close();

    const store = await openStore(config);
    const reader = { id: readerId, username: 'reader', role: 'radiologist' } as const;
    const everything = async () =>
      (await loadStudies(store.db, reader))
        .map((study) => toWorklistItem(study, reader))
        .sort(
          (a, b) =>
            Number(b.ai.flaggedFindings.length > 0) - Number(a.ai.flaggedFindings.length > 0) ||
            (b.ai.topProbability ?? -1) - (a.ai.topProbability ?? -1) ||
            a.studyId - b.studyId,
        );
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'first page',
        () => listWorklist(store.db, reader, { limit: 100 }),
        async () => (await everything()).slice(0, 100),
      ],
      [
        'patient search',
        () => listWorklist(store.db, reader, { text: 'osterman', limit: 100 }),
        async () =>
          (await everything())
            .filter((item) => item.patientName?.toLowerCase().includes('osterman'))
            .slice(0, 100),
      ],
      [
        'unread by me',
        () => listWorklist(store.db, reader, { review: 'unread', limit: 100 }),
        async () =>
          (await everything())
            .filter((item) => !['signed', 'amended'].includes(item.myReview.status))
            .filter((item) => item.othersSigned === 0)
            .slice(0, 100),
      ],
      [
        'next to read',
        () => nextUnread(store.db, reader, 1),
        async () =>
          (await everything()).find(
            (item) => item.studyId !== 1 && !['signed', 'amended'].includes(item.myReview.status),
          ),
      ],
    ];
    try {
      for (const [name, keyed, peer] of cases) {
        const ours = await measure(keyed);
        const theirs = await measure(peer);
        console.log(
          `${STUDIES} studies, ${name}: ${ours.ms.toFixed(1)} ms, heap +${ours.heapMb.toFixed(0)} MB; ` +
            `every study loaded and sorted in memory ${theirs.ms.toFixed(0)} ms, heap +${theirs.heapMb.toFixed(0)} MB ` +
            `(${(theirs.ms / ours.ms).toFixed(1)}x faster)`,
        );
      }
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
