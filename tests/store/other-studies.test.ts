/**
 * The patient's other studies on the study page, from real files: pydicom's DICOMDIR test set
 * holds a CR study (2001) and a CT study (1995) of patient 77654033, and CT and MR studies of
 * another patient. Each study lists the other studies of its patient, newest first, and none of
 * the other patient's; a study whose Patient ID is shared by chance (another birth date) is not
 * joined; a study without a Patient ID lists nothing.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getStudyDetail, importBytes, importPaths } from '../../lib/store';
import { dcmdumpValue } from '../support/dcmdump';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';
import { syntheticImage } from '../support/synthetic-dicom';

const dirtests = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests');
const cr = path.join(dirtests, '77654033', 'CR1', '6154');
const ct = path.join(dirtests, '77654033', 'CT2', '17106');
const otherPatient = [
  path.join(dirtests, '98892001', 'CT2N', '6293'),
  path.join(dirtests, '98892003', 'MR1', '5641'),
];
const reader = { id: 1, username: 'reader', role: 'radiologist' } as const;
const UID_ROOT = '1.2.826.0.1.3680043.10.1470.78';

/** A one-image 8 x 8 OT study numbered `n` (1-9), dated 2024-01-0n, of the patient given. */
function studyFile(n: number, patientId: string | null, sex: string | null): Uint8Array {
  return syntheticImage({
    sopClassUID: '1.2.840.10008.5.1.4.1.1.7',
    sopInstanceUID: `${UID_ROOT}.${n}.1.1`,
    size: 8,
    bits: 8,
    header: [
      { tag: 0x00080020, vr: 'DA', value: `2024010${n}` },
      { tag: 0x00080060, vr: 'CS', value: 'OT' },
      ...(patientId === null ? [] : [{ tag: 0x00100020, vr: 'LO', value: patientId } as const]),
      ...(sex === null ? [] : [{ tag: 0x00100040, vr: 'CS', value: sex } as const]),
      { tag: 0x0020000d, vr: 'UI', value: `${UID_ROOT}.${n}` },
      { tag: 0x0020000e, vr: 'UI', value: `${UID_ROOT}.${n}.1` },
    ],
  });
}

describe.each(databases)('other studies of the patient on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  const studyIdOf = async (file: string) =>
    (
      await store.db.study.findUniqueOrThrow({
        where: { studyInstanceUID: dcmdumpValue(file, '0020,000d') },
      })
    ).id;

  it("lists each study's other studies of its patient, newest first, and no one else's", async () => {
    await importPaths(store, [cr, ct, ...otherPatient], null);
    const [crId, ctId] = [await studyIdOf(cr), await studyIdOf(ct)];
    const crDetail = await getStudyDetail(store, crId, reader);
    expect(crDetail.otherStudies.map((s) => [s.studyId, s.studyDate, s.modalities])).toEqual([
      [ctId, dcmdumpValue(ct, '0008,0020'), ['CT']],
    ]);
    const ctDetail = await getStudyDetail(store, ctId, reader);
    expect(ctDetail.otherStudies.map((s) => s.studyId)).toEqual([crId]);
    // The other patient's CT (2001) lists that patient's MR (2003), and not the CR or CT.
    const peterCt = await getStudyDetail(store, await studyIdOf(otherPatient[0]!), reader);
    expect(peterCt.otherStudies.map((s) => s.modalities)).toEqual([['MR']]);
  });

  it('joins on the Patient ID only where birth date and sex, when both are said, agree', async () => {
    await importPaths(store, otherPatient, null);
    const peter = dcmdumpValue(otherPatient[0]!, '0010,0020');
    const female = await importBytes(store, studyFile(2, peter, 'F'), 'female', null);
    const unsaid = await importBytes(store, studyFile(3, peter, null), 'unsaid', null);
    const noId = await importBytes(store, studyFile(4, null, 'M'), 'no-id', null);
    expect([female.status, unsaid.status, noId.status]).toEqual(['stored', 'stored', 'stored']);
    const ctId = await studyIdOf(otherPatient[0]!);
    const others = (await getStudyDetail(store, ctId, reader)).otherStudies;
    // The MR (2003) and the study that does not say the sex (2024); not the woman's.
    expect(others.map((s) => s.studyDate)).toEqual(['20240103', '20030505']);
    const noIdStudy = await store.db.study.findUniqueOrThrow({
      where: { studyInstanceUID: `${UID_ROOT}.4` },
    });
    expect((await getStudyDetail(store, noIdStudy.id, reader)).otherStudies).toEqual([]);
  });
});
