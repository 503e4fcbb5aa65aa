/**
 * Orientation markers (PS3.3 C.7.6.1.1.1): the letters at each edge of an image shown as stored
 * (screen right = the row direction, screen down = the column direction), for the real axial,
 * coronal and sagittal MR localizers in ../shared/data and the real radiographs' Patient
 * Orientation. Direction cosines and Patient Orientation are read by DCMTK's dcmdump,
 * independently of our parser; readPatientOrientation must agree with it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  edgeLetters,
  parseDicom,
  patientAxes,
  projectionAxes,
  readPatientOrientation,
} from '../../lib/dicom';
import { sharedDicomDir } from '../support/paths';

function dcmdumpValues(file: string, tag: string): string[] | null {
  const run = spawnSync('dcmdump', ['+L', '+P', tag, file], { encoding: 'utf8' });
  const text = /\[([^\]]*)\]/.exec(run.stdout)?.[1];
  return text === undefined ? null : text.split('\\');
}

/** The markers of an image shown as stored, from its direction cosines. */
function asStored(file: string) {
  const cosines = dcmdumpValues(file, '0020,0037')!.map(Number);
  const row = cosines.slice(0, 3);
  const up = cosines.slice(3, 6).map((v) => -v);
  return edgeLetters(row, up);
}

const mr2 = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892003', 'MR2');

describe('orientation markers of cross-sections', () => {
  it('the three MR localizer planes, each by the letters its cosines name', () => {
    const byPlane = new Map<string, ReturnType<typeof asStored>>();
    for (const name of readdirSync(mr2)) {
      const file = path.join(mr2, name);
      const cosines = dcmdumpValues(file, '0020,0037')!.map((v) => Math.round(Number(v)));
      byPlane.set(cosines.join(','), asStored(file));
    }
    // Axial (rows towards the patient's left, columns posterior): viewed from the feet.
    expect(byPlane.get('1,0,0,0,1,0')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    // Coronal (columns towards the feet): viewed from the front.
    expect(byPlane.get('1,0,0,0,0,-1')).toEqual({ top: 'H', bottom: 'F', left: 'R', right: 'L' });
    // Sagittal (rows posterior, columns towards the feet): viewed from the patient's left.
    expect(byPlane.get('0,1,0,0,0,-1')).toEqual({ top: 'H', bottom: 'F', left: 'A', right: 'P' });
  });

  it('an oblique direction names its strong components, strongest first', () => {
    const angle = (30 * Math.PI) / 180;
    expect(edgeLetters([Math.cos(angle), Math.sin(angle), 0], [0, 0, 1], patientAxes)).toEqual({
      top: 'H',
      bottom: 'F',
      left: 'RA',
      right: 'LP',
    });
    // 10 degrees off an axis is that axis: sin 10° = 0.17 is under the 0.25 threshold.
    const slight = (10 * Math.PI) / 180;
    expect(edgeLetters([Math.cos(slight), 0, Math.sin(slight)], [0, -1, 0]).right).toBe('L');
  });
});

describe('orientation markers of radiographs (Patient Orientation)', () => {
  const radiographs = [
    path.join(sharedDicomDir, 'pydicom-data', 'RG1_J2KI.dcm'),
    path.join(sharedDicomDir, 'pydicom-data', 'RG3_J2KR.dcm'),
    path.join(sharedDicomDir, 'pylibjpeg-data', '966.dcm'),
    path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm'),
  ];

  it('reads (0020,0020) as DCMTK does, and null where a file has none', () => {
    for (const file of radiographs) {
      const parsed = parseDicom(new Uint8Array(readFileSync(file)), { file });
      expect(readPatientOrientation(parsed), file).toEqual(dcmdumpValues(file, '0020,0020'));
    }
  });

  it('a PA chest (L\\F) shows R on the left and H at the top; R\\F the other way round', () => {
    const shown = (orientation: string[]) =>
      edgeLetters([1, 0, 0], [0, -1, 0], projectionAxes(orientation)!);
    expect(shown(dcmdumpValues(radiographs[0]!, '0020,0020')!)).toEqual({
      top: 'H',
      bottom: 'F',
      left: 'R',
      right: 'L',
    });
    expect(shown(dcmdumpValues(radiographs[1]!, '0020,0020')!)).toEqual({
      top: 'H',
      bottom: 'F',
      left: 'L',
      right: 'R',
    });
    // A lateral's row direction can be two letters: the opposite swaps each.
    expect(shown(['P', 'FL'])).toEqual({ top: 'HR', bottom: 'FL', left: 'A', right: 'P' });
  });

  it('names no markers from a Patient Orientation outside the standard letters', () => {
    expect(projectionAxes(null)).toBeNull();
    expect(projectionAxes(['L'])).toBeNull();
    expect(projectionAxes(['X', 'F'])).toBeNull();
    expect(projectionAxes(['L', ''])).toBeNull();
  });
});
