/** Migrations tested on rows written before them. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { migrateDatabase } from '../../lib/store';
import { testStoreConfig, type DatabaseKind } from './databases';
import { repoRoot } from './paths';

/**
 * A fresh database of `kind` migrated up to just before the migration whose name ends with
 * `suffix`, seeded with `seed`, then migrated by migrateDatabase (which must apply that one):
 * the rows `select` reads afterwards.
 */
export async function migrateSeeded<Row>(
  kind: DatabaseKind,
  suffix: string,
  seed: string[],
  select: string,
): Promise<Row[]> {
  const { config, env } = testStoreConfig(kind);
  const dir = path.join(
    repoRoot,
    'prisma',
    ...(kind === 'sqlite' ? [] : ['postgresql']),
    'migrations',
  );
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const target = names.findIndex((name) => name.endsWith(suffix));
  expect(target).toBeGreaterThan(0);
  const before = names.slice(0, target);
  let rows: Row[];
  if (kind === 'sqlite') {
    const db = new Database(config.location);
    db.exec('CREATE TABLE secondlook_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const name of before) {
      db.exec(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
      db.prepare('INSERT INTO secondlook_migrations VALUES (?, ?)').run(
        name,
        new Date().toISOString(),
      );
    }
    for (const sql of seed) db.exec(sql);
    db.close();
    expect(await migrateDatabase(config)).toContain(names[target]);
    const after = new Database(config.location);
    rows = after.prepare(select).all() as Row[];
    after.close();
  } else {
    const client = new pg.Client({ connectionString: config.location });
    await client.connect();
    await client.query(`CREATE SCHEMA "${config.schema}"; SET search_path TO "${config.schema}"`);
    await client.query(
      'CREATE TABLE secondlook_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    for (const name of before) {
      await client.query(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
      await client.query('INSERT INTO secondlook_migrations VALUES ($1, $2)', [
        name,
        new Date().toISOString(),
      ]);
    }
    for (const sql of seed) await client.query(sql);
    expect(await migrateDatabase(config)).toContain(names[target]);
    rows = (await client.query(select)).rows as Row[];
    await client.query(`DROP SCHEMA "${config.schema}" CASCADE`);
    await client.end();
  }
  rmSync(env.SECONDLOOK_DATA_DIR, { recursive: true, force: true });
  return rows;
}
