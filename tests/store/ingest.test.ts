import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import { importBytes, importPaths, sha256Of } from '../../lib/store';
import { dcmdumpValue } from '../support/dcmdump';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const ct3 = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const cornerstone = path.join(sharedDicomDir, 'cornerstone3D');
const explicitCt = path.join(
  cornerstone,
  'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
);
const implicitCt = path.join(
  cornerstone,
  'CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm',
);
const malformed = ['pydicom/MR_truncated.dcm', 'pydicom/rtplan_truncated.dcm', 'MANIFEST.md'].map(
  (p) => (p === 'MANIFEST.md' ? path.join(sharedDicomDir, '..', p) : path.join(sharedDicomDir, p)),
);

/** Every row has its blob, with the recorded content; every blob belongs to a row. */
async function checkStoreIsWhole(store: TestStore) {
  const rows = await store.db.instance.findMany();
  for (const row of rows) {
    const file = path.join(store.config.dataDir, row.blobPath);
    expect(sha256Of(readFileSync(file))).toBe(row.sha256);
  }
  const blobs = readdirSync(path.join(store.config.dataDir, 'blobs'), {
    recursive: true,
    withFileTypes: true,
  })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.dcm'))
    .map((entry) => entry.name.replace('.dcm', ''));
  expect(new Set(blobs)).toEqual(new Set(rows.map((row) => row.sha256)));
  expect(new Set(rows.map((r) => r.sopInstanceUID)).size).toBe(rows.length);
  return rows;
}

describe.each(databases)('ingest on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('stores a real CT series with the UIDs dcmdump reads, in one study and one series', async () => {
    const summary = await importPaths(store, [ct3], null);
    expect(summary).toMatchObject({ stored: 3, failed: 0, conflicts: 0 });
    const study = await store.db.study.findFirstOrThrow({
      include: { series: { include: { instances: true } } },
    });
    const first = path.join(ct3, '01.dcm');
    expect(study.studyInstanceUID).toBe(dcmdumpValue(first, '0020,000d'));
    expect(study.series).toHaveLength(1);
    expect(study.series[0]!.seriesInstanceUID).toBe(dcmdumpValue(first, '0020,000e'));
    const sops = study.series[0]!.instances.map((i) => i.sopInstanceUID).sort();
    expect(sops).toEqual(
      readdirSync(ct3)
        .map((f) => dcmdumpValue(path.join(ct3, f), '0008,0018'))
        .sort(),
    );
    await checkStoreIsWhole(store);
  });

  it('reports malformed files with their error and stores the good ones', async () => {
    const summary = await importPaths(store, [...malformed, path.join(ct3, '01.dcm')], null);
    expect(summary.stored).toBe(1);
    expect(summary.failed).toBe(malformed.length);
    for (const result of summary.results.filter((r) => r.status === 'failed')) {
      expect(result.error?.code).toMatch(/^[A-Z_]+$/);
      expect(result.error?.file).toBe(result.file);
    }
    expect(summary.results.find((r) => r.file.endsWith('MR_truncated.dcm'))?.error?.offset).toEqual(
      expect.any(Number),
    );
    expect(await store.db.instance.count()).toBe(1);
    await checkStoreIsWhole(store);
  });

  it('is a no-op the second time', async () => {
    await importPaths(store, [ct3], null);
    const events = await store.db.auditEvent.count();
    const again = await importPaths(store, [ct3], null);
    expect(again).toMatchObject({ stored: 0, duplicates: 3 });
    expect(await store.db.instance.count()).toBe(3);
    expect(await store.db.auditEvent.count()).toBe(events);
  });

  it('reports another file with a stored SOP Instance UID as a conflict and keeps the first', async () => {
    expect(dcmdumpValue(explicitCt, '0008,0018')).toBe(dcmdumpValue(implicitCt, '0008,0018'));
    const first = await importBytes(store, readFileSync(explicitCt), explicitCt, null);
    const second = await importBytes(store, readFileSync(implicitCt), implicitCt, null);
    expect(first.status).toBe('stored');
    expect(second).toMatchObject({ status: 'conflict', error: { code: 'UID_CONFLICT' } });
    const row = await store.db.instance.findFirstOrThrow();
    expect(row.sha256).toBe(sha256Of(readFileSync(explicitCt)));
    await checkStoreIsWhole(store);
  });

  it('records every stored instance in a verifiable audit chain', async () => {
    await importPaths(store, [ct3, cornerstone], null);
    const report = await verifyAuditChain(store.db);
    expect(report.ok).toBe(true);
    expect(report.events).toBe(await store.db.instance.count());
  });

  it('completes an import killed mid-way when it runs again', async () => {
    const inputs = [cornerstone, path.join(sharedDicomDir, 'dicomParser'), ct3];
    const env = { ...process.env, ...store.env };
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'import', ...inputs],
      {
        env,
        stdio: 'ignore',
      },
    );
    const blobDir = path.join(store.config.dataDir, 'blobs');
    const blobCount = () =>
      existsSync(blobDir)
        ? readdirSync(blobDir, { recursive: true }).filter((n) => String(n).endsWith('.dcm')).length
        : 0;
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    while (blobCount() < 4 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    const partial = await store.db.instance.count();

    const rerun = await importPaths(store, inputs, null);
    expect(rerun.stored + rerun.duplicates).toBeGreaterThan(partial);
    expect(rerun.duplicates).toBe(partial);
    const rows = await checkStoreIsWhole(store);

    const reference = await freshStore(kind);
    try {
      const clean = await importPaths(reference, inputs, null);
      expect(rows.length).toBe(clean.stored);
      expect(rerun.failed).toBe(clean.failed);
    } finally {
      await reference.dispose();
    }
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });
});
