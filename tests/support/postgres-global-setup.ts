/**
 * vitest globalSetup: starts a private PostgreSQL cluster on a free loopback port for the whole
 * run (scripts/postgres-test.sh, which installs PostgreSQL from Debian when missing) and stops
 * it afterwards. Tests get its URL with `inject('postgresUrl')` (see tests/support/databases.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './ports';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const script = path.resolve(__dirname, '..', '..', 'scripts', 'postgres-test.sh');

export default async function setup(project: TestProject) {
  const port = String(await freePort());
  const url = execFileSync('bash', [script, 'start', port], { encoding: 'utf8' }).trim();
  project.provide('postgresUrl', url);
  return () => {
    execFileSync('bash', [script, 'stop', port], { stdio: 'ignore' });
  };
}
