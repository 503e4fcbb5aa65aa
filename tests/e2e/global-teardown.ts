/** Stops the private Orthanc that scripts/e2e-server.sh started for the run, and removes it. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalTeardown(): void {
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'orthanc-test.sh');
  execFileSync('bash', [script, 'stop', process.env.E2E_ORTHANC_PORT!], { stdio: 'ignore' });
}
