/**
 * `secondlook db backup` on both databases: the backup folder is a data directory that opens (for
 * PostgreSQL, once pg_restore has loaded its dump into an empty database of the test cluster) as
 * a store with the same rows, an audit chain that verifies and every blob hashing to its row; a
 * second backup into it copies nothing again. Taken while another process imports into the store,
 * every backup is still consistent (each row's blob is there, the chain verifies). A target inside
 * the data directory, or a machine without pg_dump, is refused with a coded error.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import {
  backupStore,
  importPaths,
  openStore,
  storeConfigFromEnv,
  type BackupSummary,
} from '../../lib/store';
import { pgEnvironment } from '../../lib/store/pg-dump';
import { databases, freshStore, type DatabaseKind, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const firstFiles = ['dwv-gdcm', 'dcmqi'].map((dir) => path.join(sharedDicomDir, dir));

/** Opens a backup folder (and, for PostgreSQL, its restored database) and checks it whole. */
async function checkBackup(dir: string, databaseUrl?: string) {
  const store = await openStore(
    storeConfigFromEnv({ SECONDLOOK_DATA_DIR: dir, DATABASE_URL: databaseUrl }),
  );
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

/** Databases restored from backups during a test, dropped after it. */
const restored: string[] = [];

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Where a backup folder's store is: none for SQLite (the folder is the store); for PostgreSQL a
 * new database of the test cluster that pg_restore loads the folder's dump into.
 */
async function restore(dir: string, schema: string): Promise<string | undefined> {
  const dump = path.join(dir, 'secondlook.pgdump');
  if (!existsSync(dump)) return undefined;
  const name = `restored_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  restored.push(name);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', name, dump], {
    env: { ...process.env, ...pgEnvironment(url.toString()) },
  });
  return `${url.toString()}?schema=${schema}`;
}

const backupFile: Record<DatabaseKind, string> = {
  sqlite: 'secondlook.db',
  postgresql: 'secondlook.pgdump',
};

describe.each(databases)('backing up a %s store', (kind) => {
  let store: TestStore;
  let out: string;
  beforeEach(async () => {
    store = await freshStore(kind);
    out = mkdtempSync(path.join(tmpdir(), 'secondlook-backup-'));
  });
  afterEach(async () => {
    await store.dispose();
    rmSync(out, { recursive: true, force: true });
    for (const name of restored.splice(0)) await adminQuery(`DROP DATABASE ${name}`);
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
      database: { file: path.join(out, backupFile[kind]) },
      instances,
      auditEvents: await store.db.auditEvent.count(),
      blobs: { missing: [], corrupt: [] },
    });
    expect(summary.blobs.copied).toBeGreaterThan(0);
    // The folders the backup makes are the owner's only.
    const blobDir = path.join(out, 'blobs');
    expect(statSync(blobDir).mode & 0o777).toBe(0o700);
    expect(await checkBackup(out, await restore(out, store.config.schema))).toEqual({
      instances,
      studies: await store.db.study.count(),
      events: await store.db.auditEvent.count(),
    });

    const again = await backupStore(store.config, out);
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
      await backupStore(store.config, dir);
      taken.push(dir);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await finished).toBe(1); // pydicom's folder holds files that fail to import
    const after = await store.db.instance.count();
    const counts = [];
    for (const dir of taken) {
      counts.push((await checkBackup(dir, await restore(dir, store.config.schema))).instances);
    }
    // Some were taken mid-import, and each holds every blob it names.
    expect(counts.some((count) => count > before && count < after)).toBe(true);
  }, 240_000);

  it('refuses a target inside the data directory', async () => {
    await expect(
      backupStore(store.config, path.join(store.config.dataDir, 'backup')),
    ).rejects.toMatchObject({ code: 'BACKUP_TARGET' });
  });
});

describe('PostgreSQL client tools', () => {
  it('get the connection in libpq variables, decoded, never on the command line', () => {
    expect(
      pgEnvironment('postgresql://us%40er:p%3As%20s@db.example:6543/my%20db?sslmode=require'),
    ).toEqual({
      PGHOST: 'db.example',
      PGPORT: '6543',
      PGDATABASE: 'my db',
      PGUSER: 'us@er',
      PGPASSWORD: 'p:s s',
      PGSSLMODE: 'require',
    });
    expect(pgEnvironment('postgresql://u@localhost/secondlook?host=/var/run/postgresql')).toEqual({
      PGHOST: '/var/run/postgresql',
      PGPORT: '5432',
      PGDATABASE: 'secondlook',
      PGUSER: 'u',
    });
  });

  it('are asked for by name when pg_dump is not installed', async () => {
    const store = await freshStore('postgresql');
    try {
      const run = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'db', 'backup', '--out', tmpdir()],
        {
          cwd: repoRoot,
          env: { ...process.env, ...store.env, PATH: '/nonexistent' },
          encoding: 'utf8',
        },
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/BACKUP_UNSUPPORTED.*pg_dump was not found/s);
    } finally {
      await store.dispose();
    }
  });
});
