/**
 * A consistent backup of a store while it runs: the database as one snapshot, then every blob that
 * snapshot names, copied crash-safely and checked against its sha256. Blobs are written before the
 * rows that name them (lib/store ingest), so each one the snapshot names already exists; blobs are
 * never changed, so one already in the target is kept and a repeated backup into the same folder
 * copies only what is new. The folder is a data directory. Opening images (`displays/`) are a
 * cache and are made again.
 *
 * - SQLite: `secondlook.db` by `VACUUM INTO` (a single read transaction that writers do not wait
 *   for). Restore: point SECONDLOOK_DATA_DIR at the folder (or copy it back).
 * - PostgreSQL: `secondlook.pgdump`, pg_dump's custom format of the store's schema, taken in a
 *   snapshot exported from the transaction that lists the blobs, so the dump and the blob list see
 *   the same rows. Restore: `pg_restore --no-owner -d <empty database> secondlook.pgdump`, then
 *   DATABASE_URL to that database with the same `?schema=` and SECONDLOOK_DATA_DIR to the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SecondlookError } from '../errors';
import type { StoreConfig } from './config';
import { runPgTool } from './pg-dump';

export interface BackupSummary {
  /** The snapshot's path, size and kind. */
  database: { file: string; bytes: number; format: 'sqlite' | 'pg_dump' };
  instances: number;
  auditEvents: number;
  blobs: {
    copied: number;
    /** Already in the target from an earlier backup. */
    present: number;
    /** Named by a row but not in the data directory (a damaged store): their paths. */
    missing: string[];
    /** Whose copy did not hash to the row's sha256 (removed again): their paths. */
    corrupt: string[];
  };
}

/** Folders the backup makes are its owner's only: a backup holds every patient's images. */
const PRIVATE_DIR = 0o700;

function fsyncPath(target: string, flags = 'r'): void {
  const fd = openSync(target, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const sha256File = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function checkTarget(config: StoreConfig, outDir: string): string {
  const target = path.resolve(outDir);
  const dataDir = path.resolve(config.dataDir);
  if (target === dataDir || target.startsWith(`${dataDir}${path.sep}`)) {
    throw new SecondlookError('BACKUP_TARGET', 'the backup cannot go inside the data directory');
  }
  return target;
}

/** Copies one blob into the target crash-safely (temporary file, fsync, rename). */
function copyBlob(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true, mode: PRIVATE_DIR });
  const partial = `${to}.${randomBytes(6).toString('hex')}.partial`;
  copyFileSync(from, partial);
  fsyncPath(partial, 'r+');
  renameSync(partial, to);
}

interface BlobRow {
  blobPath: string;
  sha256: string;
  size: number;
}

/** The database as of one moment, and what that moment's rows name. */
interface Snapshot {
  database: BackupSummary['database'];
  rows: BlobRow[];
  instances: number;
  auditEvents: number;
}

/** Moves a finished file into place durably. */
function settle(partial: string, file: string, target: string): number {
  fsyncPath(partial, 'r+');
  renameSync(partial, file);
  fsyncPath(target);
  return statSync(file).size;
}

function sqliteSnapshot(config: StoreConfig, target: string): Snapshot {
  const file = path.join(target, 'secondlook.db');
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(config.location, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  const bytes = settle(partial, file, target);
  const snapshot = new Database(file, { readonly: true });
  const count = (table: string) =>
    (snapshot.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  try {
    return {
      database: { file, bytes, format: 'sqlite' },
      rows: snapshot
        .prepare('SELECT DISTINCT "blobPath", "sha256", "size" FROM "Instance"')
        .all() as BlobRow[],
      instances: count('Instance'),
      auditEvents: count('AuditEvent'),
    };
  } finally {
    snapshot.close();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function postgresSnapshot(config: StoreConfig, target: string): Promise<Snapshot> {
  const file = path.join(target, 'secondlook.pgdump');
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const schema = quoteIdent(config.schema);
  const client = new pg.Client({ connectionString: config.location });
  await client.connect();
  let listed: Omit<Snapshot, 'database'>;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const exported = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const count = async (table: string) =>
      Number(
        (await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${schema}."${table}"`))
          .rows[0]!.n,
      );
    listed = {
      rows: (
        await client.query<BlobRow>(
          `SELECT DISTINCT "blobPath", "sha256", "size" FROM ${schema}."Instance"`,
        )
      ).rows,
      instances: await count('Instance'),
      auditEvents: await count('AuditEvent'),
    };
    await runPgTool(
      'pg_dump',
      [
        '--format=custom',
        `--snapshot=${exported.rows[0]!.id}`,
        `--schema=${schema}`,
        '--no-owner',
        '--no-privileges',
        `--file=${partial}`,
      ],
      config.location,
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return { database: { file, bytes: settle(partial, file, target), format: 'pg_dump' }, ...listed };
}

/** Backs the store up into `outDir`; see the module comment. */
export async function backupStore(config: StoreConfig, outDir: string): Promise<BackupSummary> {
  const target = checkTarget(config, outDir);
  mkdirSync(target, { recursive: true, mode: PRIVATE_DIR });
  const { database, rows, instances, auditEvents } =
    config.provider === 'sqlite'
      ? sqliteSnapshot(config, target)
      : await postgresSnapshot(config, target);
  const touched = new Set<string>();
  const blobs: BackupSummary['blobs'] = { copied: 0, present: 0, missing: [], corrupt: [] };
  for (const row of rows) {
    const from = path.join(config.dataDir, row.blobPath);
    const to = path.join(target, row.blobPath);
    if (existsSync(to) && statSync(to).size === row.size) {
      blobs.present += 1;
      continue;
    }
    if (!existsSync(from)) {
      blobs.missing.push(row.blobPath);
      continue;
    }
    copyBlob(from, to);
    touched.add(path.dirname(to));
    if (sha256File(to) !== row.sha256) {
      rmSync(to, { force: true });
      blobs.corrupt.push(row.blobPath);
      continue;
    }
    blobs.copied += 1;
  }
  for (const dir of touched) fsyncPath(dir);
  return { database, instances, auditEvents, blobs };
}
