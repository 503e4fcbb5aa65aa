import path from 'node:path';

/** Which database a store talks to, and where its blobs live. */
export interface StoreConfig {
  /** Holds blobs/ and, for SQLite, secondlook.db. */
  dataDir: string;
  provider: 'sqlite' | 'postgresql';
  /** SQLite: the database file path. PostgreSQL: the connection string without `schema`. */
  location: string;
  /** PostgreSQL only: the schema the tables live in (`?schema=` of DATABASE_URL). */
  schema: string;
}

/**
 * Reads SECONDLOOK_DATA_DIR (default ./data) and DATABASE_URL: a postgres:// or postgresql://
 * URL selects PostgreSQL, anything else (or nothing) the SQLite file in the data directory.
 */
export function storeConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<Pick<StoreConfig, 'dataDir'>> & { databaseUrl?: string } = {},
): StoreConfig {
  const dataDir = path.resolve(overrides.dataDir ?? env.SECONDLOOK_DATA_DIR ?? 'data');
  const url = overrides.databaseUrl ?? env.DATABASE_URL ?? '';
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return { dataDir, provider: 'postgresql', location: parsed.toString(), schema };
  }
  const file = url.startsWith('file:')
    ? path.resolve(url.slice(5))
    : path.join(dataDir, 'secondlook.db');
  return { dataDir, provider: 'sqlite', location: file, schema: 'main' };
}

/** A description of the database that is safe to print (no password). */
export function describeStore(config: StoreConfig): string {
  if (config.provider === 'sqlite') return `sqlite ${config.location}`;
  const url = new URL(config.location);
  url.password = '';
  return `postgresql ${url.host}${url.pathname} schema ${config.schema}`;
}
