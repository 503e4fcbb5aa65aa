/**
 * Creates the e2e accounts with the real CLI (`secondlook users add`, password on stdin) in the
 * data dir the e2e server uses: SECONDLOOK_DATA_DIR must be set for both.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { e2eUsers } from './support/users';

export default function globalSetup(): void {
  if (!process.env.SECONDLOOK_DATA_DIR) {
    throw new Error('SECONDLOOK_DATA_DIR must name the data dir the e2e server uses');
  }
  const cli = path.resolve(__dirname, '..', '..', 'bin', 'secondlook.mjs');
  for (const user of e2eUsers) {
    const result = spawnSync(
      process.execPath,
      [cli, 'users', 'add', user.username, '--role', user.role],
      { input: `${user.password}\n`, encoding: 'utf8', env: process.env },
    );
    if (result.status !== 0 && !/USER_EXISTS|exists/i.test(result.stderr)) {
      throw new Error(`users add ${user.username} failed: ${result.stderr}`);
    }
  }
}
