import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { main } from '../../bin/main';
import type { CommandIO } from '../../bin/command';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

it('db bootstrap creates a data directory that does not exist yet (fresh machine)', async () => {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'sl-boot-')), 'nested', 'data');
  process.env.SECONDLOOK_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const out: string[] = [];
  const io: CommandIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    stdin: process.stdin,
  };
  expect(await main(['db', 'bootstrap', '--json'], io)).toBe(0);
  const reply = JSON.parse(out.join('')) as {
    admin: { username: string; password: string; file: string };
  };
  expect(reply.admin.username).toBe('admin');
  expect(readFileSync(reply.admin.file, 'utf8').trim()).toBe(reply.admin.password);
  expect(existsSync(path.join(dataDir, 'secondlook.db'))).toBe(true);
});
