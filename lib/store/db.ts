import { mkdirSync } from 'node:fs';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import type { Prisma } from './generated/sqlite/client';
import { storeConfigFromEnv, type StoreConfig } from './config';
import { migrateDatabase } from './migrate';
import { refreshStaleWorklistKeys } from './worklist-keys';

/**
 * The Prisma client of either provider. Both are generated from one schema, so they share every
 * model and query; the SQLite client's type stands for both.
 */
export type Db = SqliteClient;
/** What a `db.$transaction(async (tx) => ...)` callback receives. */
export type Tx = Prisma.TransactionClient;

export interface Store {
  db: Db;
  config: StoreConfig;
  /** Studies whose worklist keys this open computed (written before them, or by an older version). */
  keysComputed: number;
  close(): Promise<void>;
}

/**
 * Opens (creating and migrating on first use) the database a config names, with every study's
 * worklist keys current.
 */
export async function openStore(config: StoreConfig = storeConfigFromEnv()): Promise<Store> {
  mkdirSync(config.dataDir, { recursive: true });
  await migrateDatabase(config);
  const db =
    config.provider === 'sqlite'
      ? new SqliteClient({
          adapter: new PrismaBetterSQLite3({ url: `file:${config.location}`, timeout: 15_000 }),
        })
      : (new PostgresClient({
          adapter: new PrismaPg(
            // search_path too, so that raw SQL finds the tables in the same schema
            {
              connectionString: config.location,
              max: 10,
              options: `-c search_path="${config.schema}"`,
            },
            { schema: config.schema },
          ),
        }) as unknown as Db);
  const keysComputed = await refreshStaleWorklistKeys(db);
  return { db, config, keysComputed, close: () => db.$disconnect() };
}

const shared = globalThis as typeof globalThis & { secondlookStore?: Promise<Store> };

/**
 * The process-wide store of the app and the CLI, configured from the environment; opened and
 * migrated once, on first use (kept on globalThis so Next's dev reloads reuse it).
 */
export function getStore(): Promise<Store> {
  shared.secondlookStore ??= openStore().catch((error: unknown) => {
    shared.secondlookStore = undefined;
    throw error;
  });
  return shared.secondlookStore;
}

/** Replaces the process-wide store (tests and benchmarks point the routes at their own). */
export function setStore(store: Store | undefined): void {
  shared.secondlookStore = store ? Promise.resolve(store) : undefined;
}

export async function getDb(): Promise<Db> {
  return (await getStore()).db;
}
