/**
 * `secondlook db migrate [--json]`: creates and migrates the database (SQLite in
 * SECONDLOOK_DATA_DIR, or DATABASE_URL's PostgreSQL).
 * `secondlook db bootstrap [--json]`: migrates, and when there is no user yet creates the first
 * admin with a random password, printed once and kept in <data dir>/first-admin-password.txt
 * (mode 600). The README's run command calls this.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { countUsers, createUser } from '../../lib/auth';
import { SecondlookError } from '../../lib/errors';
import { describeStore, migrateDatabase, openStore, storeConfigFromEnv } from '../../lib/store';
import { EXIT_OK, parseCommandArgs, type Command, type CommandIO } from '../command';

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
    const action = positionals[0];
    if (positionals.length !== 1 || (action !== 'migrate' && action !== 'bootstrap')) {
      throw new SecondlookError('USAGE', 'usage: secondlook db migrate|bootstrap [--json]');
    }
    const config = storeConfigFromEnv();
    const applied = await migrateDatabase(config);
    const database = describeStore(config);
    if (action === 'migrate') {
      io.stdout(
        values.json
          ? `${JSON.stringify({ database, applied })}\n`
          : `${database}: applied ${applied.length} migration(s)\n`,
      );
      return EXIT_OK;
    }
    const store = await openStore(config);
    try {
      if ((await countUsers(store.db)) > 0) {
        io.stdout(
          values.json
            ? `${JSON.stringify({ database, admin: null })}\n`
            : `${database}: users exist; sign in with your account\n`,
        );
        return EXIT_OK;
      }
      const password = randomBytes(12).toString('base64url');
      await createUser(store.db, { username: 'admin', role: 'admin', password }, null);
      const file = path.join(config.dataDir, 'first-admin-password.txt');
      writeFileSync(file, `${password}\n`, { mode: 0o600 });
      if (values.json) {
        io.stdout(
          `${JSON.stringify({ database, admin: { username: 'admin', password, file } })}\n`,
        );
      } else {
        io.stdout(
          `created the first admin. Sign in as "admin" with password ${password}\n` +
            `(kept in ${file}). Add readers with: npx secondlook users add NAME --role radiologist\n`,
        );
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
