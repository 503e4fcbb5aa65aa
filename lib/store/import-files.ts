import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from '../auth/users';
import { SecondlookError, toErrorInfo } from '../errors';
import type { Store } from './db';
import { importBytes, type ImportResult } from './ingest';

export interface ImportSummary {
  results: ImportResult[];
  stored: number;
  duplicates: number;
  conflicts: number;
  failed: number;
  bytes: number;
}

/** Every regular file under the given files and folders, folders walked in name order. */
function listImportFiles(inputs: string[]): { files: string[]; missing: ImportResult[] } {
  const files: string[] = [];
  const missing: ImportResult[] = [];
  const walk = (entry: string) => {
    let stat;
    try {
      stat = statSync(entry);
    } catch {
      missing.push({
        file: entry,
        status: 'failed',
        error: new SecondlookError('NOT_FOUND', 'no such file or folder', { file: entry }).toJSON(),
      });
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry).sort()) walk(path.join(entry, name));
    } else if (stat.isFile()) {
      files.push(entry);
    }
  };
  inputs.forEach(walk);
  return { files, missing };
}

export function summarise(results: ImportResult[]): ImportSummary {
  const count = (status: ImportResult['status']) =>
    results.filter((r) => r.status === status).length;
  return {
    results,
    stored: count('stored'),
    duplicates: count('duplicate'),
    conflicts: count('conflict'),
    failed: count('failed'),
    bytes: results.reduce((sum, r) => sum + (r.status === 'stored' ? (r.size ?? 0) : 0), 0),
  };
}

/** Imports files and folders one file at a time; `onProgress` sees each result as it lands. */
export async function importPaths(
  store: Store,
  inputs: string[],
  actor: Actor,
  onProgress?: (done: number, total: number, result: ImportResult) => void,
): Promise<ImportSummary> {
  const { files, missing } = listImportFiles(inputs);
  const results: ImportResult[] = [...missing];
  for (const [index, file] of files.entries()) {
    let result: ImportResult;
    try {
      result = await importBytes(store, readFileSync(file), file, actor);
    } catch (error) {
      result = { file, status: 'failed', error: toErrorInfo(error, file) };
    }
    results.push(result);
    onProgress?.(index + 1, files.length, result);
  }
  return summarise(results);
}
