/**
 * Shared files made into studies of patients of their own, under UIDs of their own, so that a
 * spec's study is not merged with another spec's uploads of the same files.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sharedDicomDir, workDir } from '../../support/paths';

/** dcmqi's three CT slices. */
const ctSlices = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);

export interface StudyFile {
  file: string;
  series: string;
  sop: string;
  /** Series Number, where the copy is to have another. */
  number?: string;
}

/**
 * Copies of `files` in `workDir/<dir>` (emptied first), as study `studyUID` of the patient
 * `patientName` (PN, `FAMILY^GIVEN`) with ID `patientId`, each with its series and SOP UIDs.
 */
export function ownStudy(
  dir: string,
  patient: { name: string; id: string; studyUID: string },
  files: StudyFile[],
): string[] {
  const out = path.join(workDir, dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  return files.map(({ file, series, sop, number }) => {
    const copy = path.join(out, `${sop}.dcm`);
    copyFileSync(file, copy);
    const edits = [
      `(0010,0010)=${patient.name}`,
      `(0010,0020)=${patient.id}`,
      `(0020,000d)=${patient.studyUID}`,
      `(0020,000e)=${series}`,
      `(0008,0018)=${sop}`,
      ...(number ? [`(0020,0011)=${number}`] : []),
    ];
    execFileSync('dcmodify', ['-nb', ...edits.flatMap((edit) => ['-m', edit]), copy]);
    return copy;
  });
}

/** The CT slices as series `series` (SOP UIDs `series.1` to `series.3`). */
export function ctSeries(series: string): StudyFile[] {
  return ctSlices.map((file, k) => ({ file, series, sop: `${series}.${k + 1}` }));
}
