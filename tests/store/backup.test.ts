/**
 * `secondlook db backup` of the embedded store: the backup folder is a data directory that opens
 * as a store with the same rows, an audit chain that verifies and every blob hashing to its row;
 * a second backup into it copies nothing again. Taken while another process imports into the
 * store, every backup is still consistent (each row's blob is there, the chain verifies). A
 * PostgreSQL store, or a target inside the data directory, is refused with a coded error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import {
  backupStore,
  importPaths,
  openStore,
  storeConfigFromEnv,
  type BackupSummary,
} from '../../lib/store';
import { freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const firstFiles = ['dwv-gdcm', 'dcmqi'].map((dir) => path.join(sharedDicomDir, dir));

/** Opens a backup folder as a store and checks it whole: rows, chain, blobs. */
async function checkBackup(dir: string) {
  const store = await openStore(storeConfigFromEnv({ SECONDLOOK_DATA_DIR: dir }));
  try {
    const instances = await store.db.instance.findMany();
    for (const instance of instances) {
      const bytes = readFileSync(path.join(dir, instance.blobPath));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(instance.sha256);
    }
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
    return {
      instances: instances.length,
      studies: await store.db.study.count(),
      events: await store.db.auditEvent.count(),
    };
  } finally {
    await store.close();
  }
}

describe('backing up the embedded store', () => {
  let store: TestStore;
  let out: string;
  beforeEach(async () => {
    store = await freshStore('sqlite');
    out = mkdtempSync(path.join(tmpdir(), 'secondlook-backup-'));
  });
  afterEach(async () => {
    await store.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('makes a data directory with the same rows, a chain that verifies and every blob', async () => {
    await importPaths(store, firstFiles, null);
    const run = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'db', 'backup', '--out', out, '--json'],
      { cwd: repoRoot, env: { ...process.env, ...store.env }, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as BackupSummary;
    const instances = await store.db.instance.count();
    expect(instances).toBeGreaterThan(5);
    expect(summary).toMatchObject({
      instances,
      auditEvents: await store.db.auditEvent.count(),
      blobs: { missing: [], corrupt: [] },
    });
    expect(summary.blobs.copied).toBeGreaterThan(0);
    // The folders the backup makes are the owner's only.
    const blobDir = path.join(out, 'blobs');
    expect(statSync(blobDir).mode & 0o777).toBe(0o700);
    expect(await checkBackup(out)).toEqual({
      instances,
      studies: await store.db.study.count(),
      events: await store.db.auditEvent.count(),
    });

    const again = backupStore(store.config, out);
    expect(again.blobs).toEqual({
      copied: 0,
      present: summary.blobs.copied,
      missing: [],
      corrupt: [],
    });
  });

  it('is consistent while another process imports into the store', async () => {
    await importPaths(store, firstFiles, null);
    const importer = spawn(
      process.execPath,
      [
        path.join(repoRoot, 'bin', 'secondlook.mjs'),
        'import',
        path.join(sharedDicomDir, 'pydicom'),
      ],
      { cwd: repoRoot, env: { ...process.env, ...store.env }, stdio: 'ignore' },
    );
    const finished = new Promise<number | null>((resolve) => importer.on('exit', resolve));
    let running = true;
    void finished.then(() => {
      running = false;
    });
    const before = await store.db.instance.count();
    const taken: string[] = [];
    while (running || taken.length === 0) {
      const dir = path.join(out, `b${taken.length}`);
      backupStore(store.config, dir);
      taken.push(dir);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await finished).toBe(1); // pydicom's folder holds files that fail to import
    const after = await store.db.instance.count();
    const counts = [];
    for (const dir of taken) counts.push((await checkBackup(dir)).instances);
    // Some were taken mid-import, and each holds every blob it names.
    expect(counts.some((count) => count > before && count < after)).toBe(true);
  }, 180_000);

  it('refuses a target inside the data directory', () => {
    expect(() => backupStore(store.config, path.join(store.config.dataDir, 'backup'))).toThrow(
      expect.objectContaining({ code: 'BACKUP_TARGET' }),
    );
  });
});

describe('backing up a PostgreSQL store', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore('postgresql');
  });
  afterEach(() => store.dispose());

  it('says to use pg_dump', () => {
    expect(() => backupStore(store.config, tmpdir())).toThrow(
      expect.objectContaining({ code: 'BACKUP_UNSUPPORTED' }),
    );
  });
});
