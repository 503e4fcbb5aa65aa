/**
 * A film uploaded by hand into a study the PACS holds: the PACS has the study, not this image,
 * so nothing sent there may name it (SOURCE_NOT_IN_PACS).
 */
import { importBytes, type ImportResult, type Store } from '../../lib/store';
import { syntheticImage } from '../support/synthetic-dicom';

/** Imports a 12-bit CR chest film into the study, with its own series and instance UIDs. */
export async function uploadIntoStudy(
  store: Store,
  study: { studyInstanceUID: string; patientId: string },
  uids: { series: string; instance: string },
  size: number,
): Promise<ImportResult> {
  const bytes = syntheticImage({
    sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
    sopInstanceUID: uids.instance,
    size,
    bits: 12,
    header: [
      { tag: 0x00080060, vr: 'CS', value: 'CR' },
      { tag: 0x00100020, vr: 'LO', value: study.patientId },
      { tag: 0x00180015, vr: 'CS', value: 'CHEST' },
      { tag: 0x00185101, vr: 'CS', value: 'PA' },
      { tag: 0x0020000d, vr: 'UI', value: study.studyInstanceUID },
      { tag: 0x0020000e, vr: 'UI', value: uids.series },
    ],
  });
  return importBytes(store, bytes, 'uploaded', null);
}
