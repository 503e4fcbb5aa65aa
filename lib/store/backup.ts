/**
 * A consistent backup of the embedded store while it runs: the SQLite database as one snapshot
 * (`VACUUM INTO`, a single read transaction that writers do not wait for), then every blob that
 * snapshot names, copied crash-safely and checked against its sha256. Blobs are written before the
 * rows that name them (lib/store ingest), so each one the snapshot names already exists; blobs are
 * never changed, so one already in the target is kept and a repeated backup into the same folder
 * copies only what is new. The folder is a data directory: point SECONDLOOK_DATA_DIR at it (or
 * copy it back) to restore. Opening images (`displays/`) are a cache and are made again.
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
import { SecondlookError } from '../errors';
import type { StoreConfig } from './config';

export interface BackupSummary {
  /** The snapshot's path and size. */
  database: { file: string; bytes: number };
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
  if (config.provider !== 'sqlite') {
    throw new SecondlookError(
      'BACKUP_UNSUPPORTED',
      'a PostgreSQL store is backed up with pg_dump, then a copy of <data dir>/blobs (taken after the dump, it holds every blob the dump names)',
    );
  }
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

/** Backs the store up into `outDir`; see the module comment. */
export function backupStore(config: StoreConfig, outDir: string): BackupSummary {
  const target = checkTarget(config, outDir);
  mkdirSync(target, { recursive: true, mode: PRIVATE_DIR });
  const file = path.join(target, 'secondlook.db');
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(config.location, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  fsyncPath(partial, 'r+');
  renameSync(partial, file);
  fsyncPath(target);

  const snapshot = new Database(file, { readonly: true });
  let rows: { blobPath: string; sha256: string; size: number }[];
  const count = (table: string) =>
    (snapshot.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  let counts: { instances: number; auditEvents: number };
  try {
    rows = snapshot
      .prepare('SELECT DISTINCT "blobPath", "sha256", "size" FROM "Instance"')
      .all() as typeof rows;
    counts = { instances: count('Instance'), auditEvents: count('AuditEvent') };
  } finally {
    snapshot.close();
  }
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
  return { database: { file, bytes: statSync(file).size }, ...counts, blobs };
}
