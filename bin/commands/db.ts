/**
 * `secondlook db migrate [--json]`: creates and migrates the database (SQLite in
 * SECONDLOOK_DATA_DIR, or DATABASE_URL's PostgreSQL), and computes what the new version keeps of
 * the rows already there (the worklist keys, and where the frames of multi-frame instances lie;
 * exit 1 when a blob cannot be read for that), so that a server started after it opens at once.
 * `secondlook db bootstrap [--json]`: migrates, and when there is no user yet creates the first
 * admin with a random password, printed once and kept in <data dir>/first-admin-password.txt
 * (mode 600). The README's run command calls this.
 * `secondlook db backup --out DIR [--json]`: a consistent backup of the store while it runs
 * (SQLite, or PostgreSQL with pg_dump), into a folder that is itself a data directory (lib/store
 * backup); exit 1 when a blob the database names is missing or does not hash to its sha256.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { countUsers, createUser } from '../../lib/auth';
import { SecondlookError } from '../../lib/errors';
import {
  backupStore,
  describeStore,
  type BackupSummary,
  migrateDatabase,
  openStore,
  readMissingMetadata,
  storeConfigFromEnv,
  type StoreConfig,
} from '../../lib/store';
import {
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  type Command,
  type CommandIO,
} from '../command';

function restoreAdvice(config: StoreConfig, summary: BackupSummary): string {
  const dir = path.dirname(summary.database.file);
  if (summary.database.format === 'sqlite') return `restore: SECONDLOOK_DATA_DIR=${dir}\n`;
  return (
    `restore: pg_restore --no-owner -d <empty database> ${summary.database.file}, then ` +
    `DATABASE_URL=<that database>?schema=${config.schema} SECONDLOOK_DATA_DIR=${dir}\n`
  );
}

async function backup(
  config: StoreConfig,
  out: string | undefined,
  json: boolean,
  io: CommandIO,
): Promise<number> {
  if (!out) throw new SecondlookError('USAGE', 'usage: secondlook db backup --out DIR [--json]');
  const summary = await backupStore(config, out);
  const { blobs } = summary;
  if (json) {
    io.stdout(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout(
      `backed up ${describeStore(config)} to ${summary.database.file} (${summary.database.bytes} bytes): ` +
        `${summary.instances} instances, ${summary.auditEvents} audit events; blobs ${blobs.copied} copied, ${blobs.present} already there\n` +
        (blobs.missing.length + blobs.corrupt.length > 0
          ? `not backed up: ${blobs.missing.length} missing and ${blobs.corrupt.length} corrupt blobs (${[...blobs.missing, ...blobs.corrupt].slice(0, 5).join(', ')})\n`
          : restoreAdvice(config, summary)),
    );
  }
  return blobs.missing.length + blobs.corrupt.length > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      json: { type: 'boolean' },
      out: { type: 'string' },
    });
    const action = positionals[0];
    const known = ['migrate', 'bootstrap', 'backup'];
    if (positionals.length !== 1 || !known.includes(action ?? '')) {
      throw new SecondlookError(
        'USAGE',
        'usage: secondlook db migrate|bootstrap [--json] | db backup --out DIR [--json]',
      );
    }
    const config = storeConfigFromEnv();
    if (action === 'backup') return backup(config, values.out, values.json === true, io);
    const applied = await migrateDatabase(config);
    const database = describeStore(config);
    const store = await openStore(config);
    try {
      if (action === 'migrate') {
        const { keysComputed } = store;
        const metadata = await readMissingMetadata(store);
        io.stdout(
          values.json
            ? `${JSON.stringify({ database, applied, keysComputed, metadataRead: metadata.read, metadataFailed: metadata.failed })}\n`
            : `${database}: applied ${applied.length} migration(s); worklist keys computed for ${keysComputed} stud${keysComputed === 1 ? 'y' : 'ies'}; metadata kept since read for ${metadata.read} instance(s)${metadata.failed.length ? `, ${metadata.failed.length} could not be read (${[...new Set(metadata.failed.map((f) => f.code))].join(', ')})` : ''}\n`,
        );
        return metadata.failed.length > 0 ? EXIT_SOME_FAILED : EXIT_OK;
      }
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
