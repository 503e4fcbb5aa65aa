// Prisma CLI configuration for the SQLite default (generate, migrate diff). The app and the CLI
// apply the checked-in migrations themselves on first use (lib/store/migrate.ts); see
// prisma/README.md. The PostgreSQL twin is prisma/postgresql/prisma.config.ts.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

const dataDir = path.resolve(process.env.SECONDLOOK_DATA_DIR ?? 'data');

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${path.join(dataDir, 'secondlook.db')}` });
  },
});
