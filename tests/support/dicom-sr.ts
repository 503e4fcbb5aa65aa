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
