import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * The real public data the tests read: `../shared/data` beside the checkout (never copied
 * into the repo). `SECONDLOOK_SHARED_DATA` points elsewhere when needed.
 */
export const sharedDataDir =
  process.env.SECONDLOOK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

export const sharedDicomDir = path.join(sharedDataDir, 'dicom');

export const pneumoniaMnistPath = path.join(
  sharedDataDir,
  'cxr',
  'pneumoniamnist',
  'pneumoniamnist.npz',
);

/** Scratch space for generated references and outputs (git-ignored). */
export const workDir = path.join(repoRoot, 'tests', '.work');

if (!existsSync(sharedDataDir)) {
  throw new Error(`test data not found at ${sharedDataDir}: check out ../shared beside the repo`);
}
