/**
 * Stage "store": on SQLite and on PostgreSQL (a private cluster started for the run),
 * - import of the 300-slice bench series (parse, content-addressed blob with fsync, rows and
 *   audit event per file) against a plain copy of the same files;
 * - signed review + audit event writes per second;
 * - `audit verify` over 100k events against a plain read of the same rows.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { BenchStage } from '../index';
import { canonicalJson, chainHashOf, contentHashOf, verifyAuditChain } from '../../lib/audit';
import { createUser } from '../../lib/auth';
import { createReview } from '../../lib/review';
import { importPaths, openStore, storeConfigFromEnv, type Store } from '../../lib/store';
import { benchWorkDir, ensureBenchSeries } from '../support/ct-series';

const MB = 1024 * 1024;
const REVIEWS = 200;
const AUDIT_EVENTS = 100_000;
const repoRoot = path.resolve(__dirname, '..', '..');

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 54330));
    });
  });
}

/** 100k chained events written straight to the table, with the same hashing as appends. */
async function seedAuditEvents(store: Store, count: number): Promise<void> {
  const head = await store.db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
  let prevHash = head.hash;
  let seq = head.seq;
  const at = new Date();
  for (let done = 0; done < count;) {
    const rows = [];
    for (let i = 0; i < 1000 && done < count; i++, done++) {
      seq += 1;
      const content = {
        seq,
        at,
        actorId: 1,
        actorName: 'bench',
        action: 'study.view',
        subjectType: 'study',
        subjectId: String(seq % 500),
        details: canonicalJson({ n: seq }),
      };
      const contentHash = contentHashOf(content);
      const hash = chainHashOf(prevHash, contentHash);
      rows.push({ ...content, contentHash, prevHash, hash });
      prevHash = hash;
    }
    await store.db.auditEvent.createMany({ data: rows });
  }
  await store.db.auditHead.update({ where: { id: 1 }, data: { seq, hash: prevHash } });
}

async function plainRead(store: Store): Promise<number> {
  let last = 0;
  let rows = 0;
  for (;;) {
    const batch = await store.db.auditEvent.findMany({
      where: { seq: { gt: last } },
      orderBy: { seq: 'asc' },
      take: 5000,
    });
    rows += batch.length;
    if (batch.length < 5000) return rows;
    last = batch[batch.length - 1]!.seq;
  }
}

async function runOn(
  label: string,
  env: Record<string, string>,
  files: string[],
  bytes: number,
  syncedS: number,
) {
  const store = await openStore(storeConfigFromEnv(env));
  try {
    let start = process.hrtime.bigint();
    const summary = await importPaths(store, files, null);
    const importS = seconds(start);
    if (summary.stored !== files.length)
      throw new Error(`${label}: stored ${summary.stored} of ${files.length}`);
    console.log(
      `${label} import: ${(files.length / importS).toFixed(1)} files/s, ${(bytes / MB / importS).toFixed(1)} MB/s ` +
        `(import takes ${(importS / syncedS).toFixed(1)}x a copy + fsync of the same files)`,
    );

    const reader = await createUser(
      store.db,
      { username: 'bench-reader', role: 'radiologist', password: 'bench password' },
      null,
    );
    const studyId = summary.results[0]!.studyId!;
    const user = { id: reader.id, username: reader.username, role: reader.role };
    start = process.hrtime.bigint();
    for (let i = 0; i < REVIEWS; i++) {
      await createReview(store, user, {
        studyId,
        decisions: [{ finding: 'pneumonia', decision: 'agree' }],
        sign: true,
      });
    }
    console.log(
      `${label} signed review + audit event: ${(REVIEWS / seconds(start)).toFixed(0)} writes/s`,
    );

    await seedAuditEvents(store, AUDIT_EVENTS);
    start = process.hrtime.bigint();
    const readRows = await plainRead(store);
    const readS = seconds(start);
    start = process.hrtime.bigint();
    const report = await verifyAuditChain(store.db);
    const verifyS = seconds(start);
    if (!report.ok) throw new Error(`${label}: audit chain broken at ${report.firstBadEvent?.seq}`);
    console.log(
      `${label} audit verify: ${report.events} events in ${verifyS.toFixed(2)} s ` +
        `(plain read of ${readRows} rows: ${readS.toFixed(2)} s; verify takes ${(verifyS / readS).toFixed(2)}x the read)`,
    );
  } finally {
    await store.close();
  }
}

export const stage: BenchStage = {
  name: 'store',
  async run() {
    const series = ensureBenchSeries(300);
    const bytes = series.files.reduce((sum, file) => sum + statSync(file).size, 0);
    const root = path.join(benchWorkDir, 'store');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.join(root, 'copy'), { recursive: true });
    let start = process.hrtime.bigint();
    for (const file of series.files)
      copyFileSync(file, path.join(root, 'copy', path.basename(file)));
    const copyS = seconds(start);
    mkdirSync(path.join(root, 'synced'), { recursive: true });
    start = process.hrtime.bigint();
    for (const file of series.files) {
      const target = path.join(root, 'synced', path.basename(file));
      copyFileSync(file, target);
      const fd = openSync(target, 'r');
      fsyncSync(fd);
      closeSync(fd);
    }
    const syncedS = seconds(start);
    console.log(
      `bench series: ${series.files.length} files, ${(bytes / MB).toFixed(1)} MB; plain copy ` +
        `${(series.files.length / copyS).toFixed(1)} files/s, copy + fsync per file ${(series.files.length / syncedS).toFixed(1)} files/s`,
    );

    await runOn(
      'sqlite',
      { SECONDLOOK_DATA_DIR: path.join(root, 'sqlite') },
      series.files,
      bytes,
      syncedS,
    );

    const port = String(await freePort());
    const script = path.join(repoRoot, 'scripts', 'postgres-test.sh');
    const url = execFileSync('bash', [script, 'start', port], { encoding: 'utf8' }).trim();
    try {
      await runOn(
        'postgresql',
        { SECONDLOOK_DATA_DIR: path.join(root, 'postgresql'), DATABASE_URL: `${url}?schema=bench` },
        series.files,
        bytes,
        syncedS,
      );
    } finally {
      execFileSync('bash', [script, 'stop', port]);
      rmSync(root, { recursive: true, force: true });
    }
  },
};
