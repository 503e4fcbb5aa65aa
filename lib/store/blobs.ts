import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** relative to the data directory: blobs/<first two hex digits>/<sha256>.dcm */
  blobPath: string;
  /** false when an identical blob was already there (an earlier import, or one cut short) */
  written: boolean;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function blobPathOf(sha256: string): string {
  return path.join('blobs', sha256.slice(0, 2), `${sha256}.dcm`);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Stores bytes at their content address, crash-safely: write a temporary file, fsync it,
 * rename it into place (atomic), fsync the folder. A blob that is already there has the same
 * content by construction (a rename only ever publishes a complete, synced file), so it is
 * adopted as it is; that is how a re-run finishes an import that was killed after this step.
 */
export function storeBlob(
  dataDir: string,
  bytes: Uint8Array,
  sha256 = sha256Of(bytes),
): StoredBlob {
  const blobPath = blobPathOf(sha256);
  const target = path.join(dataDir, blobPath);
  try {
    if (statSync(target).size === bytes.length)
      return { sha256, size: bytes.length, blobPath, written: false };
  } catch {
    // not stored yet
  }
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const temporary = path.join(
    dir,
    `.${sha256}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = openSync(temporary, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  fsyncDir(dir);
  return { sha256, size: bytes.length, blobPath, written: true };
}

export function blobFile(dataDir: string, blobPath: string): string {
  const resolved = path.resolve(dataDir, blobPath);
  if (!resolved.startsWith(path.resolve(dataDir, 'blobs') + path.sep)) {
    throw new Error('blob path outside the blob store');
  }
  return resolved;
}
