/**
 * Each integration test runs against both databases, each test in a fresh one: a new SQLite
 * file, or a new schema in the private PostgreSQL cluster that the global setup started.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { storeConfigFromEnv, type StoreConfig } from '../../lib/store/config';
import { openStore, type Store } from '../../lib/store/db';
import { workDir } from './paths';

export const databases = ['sqlite', 'postgresql'] as const;
export type DatabaseKind = (typeof databases)[number];

export interface TestStore extends Store {
  /** the environment a child `secondlook` process needs to open the same store */
  env: { SECONDLOOK_DATA_DIR: string; DATABASE_URL: string };
  /** closes the client and removes the database and data directory */
  dispose(): Promise<void>;
}

export function testStoreConfig(kind: DatabaseKind): {
  config: StoreConfig;
  env: TestStore['env'];
} {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dataDir = path.join(workDir, 'stores', name);
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl =
    kind === 'sqlite'
      ? `file:${path.join(dataDir, 'secondlook.db')}`
      : `${inject('postgresUrl')}?schema=${name}`;
  const env = { SECONDLOOK_DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
  return { config: storeConfigFromEnv(env), env };
}

export async function freshStore(kind: DatabaseKind): Promise<TestStore> {
  const { config, env } = testStoreConfig(kind);
  const store = await openStore(config);
  return {
    ...store,
    env,
    async dispose() {
      await store.close();
      if (config.provider === 'postgresql') {
        const client = new pg.Client({ connectionString: config.location });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
        await client.end();
      }
      // Retried: an upload renders its opening images in the background, after the answer.
      rmSync(config.dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
