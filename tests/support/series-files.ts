/**
 * The files of a series folder, and each as the record series assembly takes (read by lib/dicom,
 * with a multi-frame instance's frame geometry).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseDicom,
  readFrameGeometry,
  readInstanceMetadata,
  type SeriesInstanceInput,
} from '../../lib/dicom';

export function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .sort();
}

export function record(file: string): SeriesInstanceInput<string> {
  const dicom = parseDicom(new Uint8Array(readFileSync(file)), { file });
  return { ...readInstanceMetadata(dicom), frameGeometry: readFrameGeometry(dicom), file };
}
