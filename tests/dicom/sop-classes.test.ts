/**
 * The names the viewer gives objects that are not images (lib/dicom/sop-classes.ts) are the
 * standard's, as DCMTK names each UID: one file references every class named, and dcmdump prints
 * its name beside each.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMED_SOP_CLASSES, objectClassName } from '../../lib/dicom/sop-classes';
import { sharedDicomDir } from '../support/paths';

/** Letters and digits only: DCMTK writes `RTStructureSetStorage`, PS3.6 "RT Structure Set Storage". */
const squeezed = (name: string) => name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

describe('objectClassName', () => {
  it("names every class as DCMTK's dictionary of UIDs does", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sop-classes-')), 'references.dcm');
    copyFileSync(path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm'), file);
    const inserts = NAMED_SOP_CLASSES.flatMap((uid, k) => [
      '-i',
      `(0008,1115)[${k}].(0008,1150)=${uid}`,
    ]);
    execFileSync('dcmodify', ['-nb', ...inserts, file]);
    const dump = execFileSync('dcmdump', ['+P', '0008,1150', file], { encoding: 'utf8' });
    const theirs = [...dump.matchAll(/UI =(\w+)/g)].map((match) => squeezed(match[1]!));
    expect(theirs).toHaveLength(NAMED_SOP_CLASSES.length);
    NAMED_SOP_CLASSES.forEach((uid, k) => {
      // DCMTK spells out the number that starts "12-lead ECG".
      const ours = squeezed(`${objectClassName(uid)} Storage`).replace(/^12/, 'twelve');
      expect(ours, uid).toBe(theirs[k]);
    });
  });

  it('names a class it does not know by its UID', () => {
    expect(objectClassName('1.2.3.4')).toBe('1.2.3.4');
    expect(objectClassName(null)).toBe('No SOP Class');
  });
});
