/** Structured reports as independent tools read them: DCMTK's dsrdump and dicom3tools' dciodvfy. */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

/**
 * dsrdump's warnings for values a report copies byte for byte from a source that breaks their VR
 * (the DX chest's 56-character hashes in Patient's Birth Date and Accession Number).
 */
export const COPIED_VALUE_WARNINGS =
  /^W: (PatientBirthDate \(0010,0030\)|AccessionNumber \(0008,0050\)) violates VR/;

/**
 * dsrdump's content tree, every value printed in full: position ("1.9.1.7") to the item's line.
 * Expects dsrdump to succeed and print nothing on stderr but warnings `allowed` matches (those of
 * values a report copies byte for byte from a source that breaks their VR).
 */
export function srContentTree(file: string, allowed: RegExp | null = null): Map<string, string> {
  const run = spawnSync('dsrdump', ['+Pc', '+Pn', '+Psu', '+Pt', '+Pl', file], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  for (const line of run.stderr.split('\n').filter(Boolean)) {
    expect(allowed && allowed.test(line), line).toBe(true);
  }
  return new Map(
    [...run.stdout.matchAll(/^(\d+(?:\.\d+)*)\s+(<.*)$/gm)].map((match) => [match[1]!, match[2]!]),
  );
}

/** dciodvfy's errors for a file (its warnings left out). */
export function dciodvfyErrors(file: string): string[] {
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
}

/**
 * The AI's call, a qualitative evaluation (CODE) in a TID 1501 measurement group, as DICOM's
 * TID 1501 and highdicom's MeasurementsAndQualitativeEvaluations have them. Debian's PixelMed
 * (20220618) knows no such row in TID 1501 and warns "Content Item not in template" for it.
 */
const GROUP_EVALUATION =
  /^Warning: [\d.]+: \/CONTAINER \(126000,DCM,"Imaging Measurement Report"\)\/CONTAINER \(126010,DCM,"Imaging Measurements"\)\/CONTAINER \(125007,DCM,"Measurement Group"\)\/CODE \(FLAGGED,99SECONDLOOK,"[^"]+"\): Content Item not in template$/;

/**
 * PixelMed's DicomSRValidator on a report: the IOD, and the content tree against DICOM's templates
 * (TID 1500 and those it includes), with template identifiers and the order of rows checked. Its
 * errors and warnings, but for the warnings on qualitative evaluations in measurement groups
 * (GROUP_EVALUATION). Java's default XPath limits are lifted: PixelMed's compiled templates exceed
 * them.
 */
export function pixelmedSrFindings(file: string): string[] {
  const run = spawnSync(
    'java',
    [
      '-Djdk.xml.xpathExprOpLimit=0',
      '-Djdk.xml.xpathExprGrpLimit=0',
      '-Djdk.xml.xpathTotalOpLimit=0',
      '-cp',
      '/usr/share/java/pixelmed.jar',
      'com.pixelmed.validate.DicomSRValidator',
      '-checktemplateid',
      '-checkcontentitemorder',
      file,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('Found Root Template TID_1500 (MeasurementReport)');
  expect(run.stdout).toContain('IOD validation complete');
  return `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((line) => /^(Error|Warning)/.test(line) && !GROUP_EVALUATION.test(line));
}
