/**
 * Real files with text in a given Specific Character Set: a shared CT slice with its character
 * set, patient's name, study and series descriptions set byte for byte by DCMTK's dcmodify; and
 * those values as DCMTK reads them (`dcmdump +U8`, converted to UTF-8 by iconv).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedDicomDir } from './paths';

const SOURCE = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm');

/** Bytes written as `\xNN` escapes in a string, one character a byte. */
export const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

export interface TextValues {
  charset: string;
  patientName: Uint8Array;
  studyDescription: Uint8Array;
  seriesDescription: Uint8Array;
}

export const TEXT_TAGS = {
  patientName: '0010,0010',
  studyDescription: '0008,1030',
  seriesDescription: '0008,103e',
} as const;

/**
 * A copy of the CT slice with these values (padded to even length with a space), its study,
 * series and instance under `uid` (`uid`, `uid.1`, `uid.1.1`) when given.
 */
export function fileWithText(values: TextValues, uid?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'charset-'));
  const file = path.join(dir, 'text.dcm');
  copyFileSync(SOURCE, file);
  const args = ['-nb', '-i', `(0008,0005)=${values.charset}`];
  if (uid) {
    args.push('-i', `(0020,000d)=${uid}`, '-i', `(0020,000e)=${uid}.1`);
    args.push('-i', `(0008,0018)=${uid}.1.1`);
  }
  for (const [field, tag] of Object.entries(TEXT_TAGS)) {
    const bytes = values[field as keyof typeof TEXT_TAGS];
    const valueFile = path.join(dir, `${field}.bin`);
    writeFileSync(valueFile, bytes.length % 2 ? Buffer.concat([bytes, Buffer.from(' ')]) : bytes);
    args.push('-if', `(${tag})=${valueFile}`);
  }
  execFileSync('dcmodify', [...args, file]);
  return file;
}

/** The value of `tag` as DCMTK reads it in the file's character set. */
export function dcmtkText(file: string, tag: string): string {
  const run = spawnSync('dcmdump', ['+U8', '+P', tag, file], { encoding: 'utf8' });
  const value = /\[(.*)\]/.exec(run.stdout)?.[1];
  if (value === undefined) throw new Error(`dcmdump +U8 read no ${tag}: ${run.stderr}`);
  return value;
}
