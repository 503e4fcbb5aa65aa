/**
 * Running PostgreSQL's own client tools for a store: the connection goes to them in libpq's
 * environment variables (PGHOST, PGPASSWORD, …), never on the command line, where every user of
 * the machine could read the password in the process list.
 */
import { spawn } from 'node:child_process';
import { SecondlookError } from '../errors';

/** libpq's environment for a `postgresql://` connection string (without `schema`). */
export function pgEnvironment(location: string): Record<string, string> {
  const url = new URL(location);
  const param = (name: string) => url.searchParams.get(name);
  const env: Record<string, string> = {
    PGHOST: param('host') ?? url.hostname,
    PGPORT: url.port || param('port') || '5432',
    PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = param('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL client tool; its last lines of error output go into the error thrown. */
export function runPgTool(tool: string, args: string[], location: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: { ...process.env, ...pgEnvironment(location) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString('utf8')}`.slice(-2000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new SecondlookError(
              'BACKUP_UNSUPPORTED',
              `${tool} was not found: install PostgreSQL's client tools (Debian: postgresql-client)`,
            )
          : error,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new SecondlookError(
            'BACKUP_FAILED',
            `${tool} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
}
