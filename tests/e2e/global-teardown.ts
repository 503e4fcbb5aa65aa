/**
 * Stops the e2e server, then the private Orthanc that scripts/e2e-server.sh started for the run,
 * in that order: Playwright stops its web server only after this, and a server left polling an
 * Orthanc already gone would log PACS_UNREACHABLE at every poll until then.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  const pidFile = path.join(process.env.SECONDLOOK_DATA_DIR!, 'e2e-server.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (running(pid)) process.kill(pid, 'SIGTERM');
    for (let waited = 0; waited < 10_000 && running(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'orthanc-test.sh');
  execFileSync('bash', [script, 'stop', process.env.E2E_ORTHANC_PORT!], { stdio: 'ignore' });
}
