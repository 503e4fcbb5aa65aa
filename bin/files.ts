/**
 * File input shared by the CLI commands: reading a DICOM file, walking a folder, and where the
 * labelled PneumoniaMNIST splits live.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDicom, type DicomFile } from '../lib/dicom';
import { SecondlookError } from '../lib/errors';

function readFailed(error: unknown, what: string, file: string): SecondlookError {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error);
  return new SecondlookError('READ_FAILED', `cannot read the ${what}: ${reason}`, { file });
}

/**
 * Reads and parses one file; an unreadable file is a READ_FAILED error naming it. With
 * `allowPartial`, a truncated or broken dataset gives what was read before the break (the error
 * in `incomplete`).
 */
export async function readDicomFile(
  file: string,
  options: { allowPartial?: boolean } = {},
): Promise<DicomFile> {
  const buffer = await readFile(file).catch((error: unknown) => {
    throw readFailed(error, 'file', file);
  });
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return parseDicom(bytes, { file, allowPartial: options.allowPartial });
}

/** Every regular file under dir, recursively, hidden names skipped, sorted so output is stable. */
export async function listFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (error: unknown) => {
      throw readFailed(error, 'folder', dir);
    },
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !path
          .relative(dir, file)
          .split(path.sep)
          .some((part) => part.startsWith('.')),
    )
    .sort();
}

const repoRoot = path.resolve(__dirname, '..');

/** The shipped model's folder. */
export const defaultModelDir = path.join(repoRoot, 'models', 'pneumonia-cxr');

/** The PneumoniaMNIST npz in ../shared (or under SECONDLOOK_SHARED_DATA). */
export function defaultPneumoniaMnistPath(): string {
  const shared =
    process.env.SECONDLOOK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
  return path.join(shared, 'cxr', 'pneumoniamnist', 'pneumoniamnist.npz');
}
