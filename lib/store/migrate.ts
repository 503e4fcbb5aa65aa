import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreConfig } from './config';

/**
 * Applies the checked-in migrations (prisma/migrations for SQLite, prisma/postgresql/migrations
 * for PostgreSQL) that a database has not seen yet, each in its own transaction, and records
 * them in `secondlook_migrations`. The app and the CLI call this on first use, so neither needs
 * the Prisma CLI (whose `migrate dev` cannot run offline) at run time.
 */
export async function migrateDatabase(config: StoreConfig): Promise<string[]> {
  return config.provider === 'sqlite' ? migrateSqlite(config) : migratePostgres(config);
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS secondlook_migrations (
  name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`;

/** prisma/ of the checkout: the working directory when it has one (Next bundles move files). */
function prismaDir(): string {
  const candidates = [
    path.join(process.cwd(), 'prisma'),
    path.resolve(__dirname, '..', '..', 'prisma'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'migrations'))) ?? candidates[0]!;
}

function migrationsDir(config: StoreConfig): string {
  const root = prismaDir();
  return config.provider === 'sqlite'
    ? path.join(root, 'migrations')
    : path.join(root, 'postgresql', 'migrations');
}

function listMigrations(config: StoreConfig): { name: string; sql: string }[] {
  const dir = migrationsDir(config);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }));
}

function migrateSqlite(config: StoreConfig): string[] {
  mkdirSync(config.dataDir, { recursive: true });
  const db = new Database(config.location);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(MIGRATIONS_TABLE);
    // SQLite's procedure for schema changes (lang_altertable.html, "other kinds of changes"):
    // foreign keys off outside the transaction (inside one the pragma does nothing), then a
    // foreign key check before each commit. With them on, a migration that rebuilds a table
    // would have its DROP TABLE run the children's ON DELETE actions: SET NULL links lost,
    // RESTRICT refusing the migration.
    db.pragma('foreign_keys = OFF');
    const applied = [];
    for (const migration of listMigrations(config)) {
      // BEGIN IMMEDIATE: two processes migrating at once take turns instead of both applying.
      const apply = db.transaction(() => {
        const seen = db
          .prepare('SELECT 1 FROM secondlook_migrations WHERE name = ?')
          .get(migration.name);
        if (seen) return false;
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length > 0) {
          throw new Error(
            `migration ${migration.name} leaves ${broken.length} rows whose foreign keys point nowhere (first in ${broken[0]!.table})`,
          );
        }
        db.prepare('INSERT INTO secondlook_migrations (name, applied_at) VALUES (?, ?)').run(
          migration.name,
          new Date().toISOString(),
        );
        return true;
      });
      if (apply.immediate()) applied.push(migration.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(config: StoreConfig): Promise<string[]> {
  const client = new pg.Client({ connectionString: config.location });
  await client.connect();
  try {
    const schema = `"${config.schema.replaceAll('"', '""')}"`;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query(MIGRATIONS_TABLE);
    const applied = [];
    for (const migration of listMigrations(config)) {
      await client.query('BEGIN');
      try {
        // One migrator at a time per schema; the lock ends with the transaction.
        await client.query('LOCK TABLE secondlook_migrations IN EXCLUSIVE MODE');
        const seen = await client.query('SELECT 1 FROM secondlook_migrations WHERE name = $1', [
          migration.name,
        ]);
        if (seen.rowCount === 0) {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO secondlook_migrations (name, applied_at) VALUES ($1, $2)',
            [migration.name, new Date().toISOString()],
          );
          applied.push(migration.name);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return applied;
  } finally {
    await client.end();
  }
}
