/** The files of a series folder, and each as the record series assembly takes (read by lib/dicom). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDicom, readInstanceMetadata, type SeriesInstanceInput } from '../../lib/dicom';

export function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .sort();
}

export function record(file: string): SeriesInstanceInput<string> {
  return {
    ...readInstanceMetadata(parseDicom(new Uint8Array(readFileSync(file)), { file })),
    file,
  };
}
