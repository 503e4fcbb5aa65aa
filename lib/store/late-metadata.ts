/**
 * Metadata kept with an instance after the first versions stored it: where a multi-frame
 * instance's frames lie (lib/dicom readFrameGeometry), so the viewer can order its frames and
 * reformat them without reading the file, and its Image Type (0008,0008), which says a localizer
 * (scout) apart, so a study does not open on one. Read at import; instances stored before a column
 * was kept are read once, from their blobs, as are names and descriptions (late-text.ts).
 */
import { parseDicom, readFrameGeometry, readInstanceMetadata, type FrameGeometry } from '../dicom';
import { toErrorInfo } from '../errors';
import type { Store } from './db';
import { readStudyText } from './late-text';
import { readInstanceBytes } from './studies';

export function frameGeometryColumn(geometry: FrameGeometry | null): string | null {
  return geometry ? JSON.stringify(geometry) : null;
}

/** `[]` when the file has no Image Type, so that a read instance is never read again. */
export function imageTypeColumn(values: string[] | null): string {
  return JSON.stringify(values ?? []);
}

export interface MetadataSweep {
  read: number;
  failed: { instanceId: number; code: string }[];
}

/**
 * Reads what is missing: the text of studies stored before it was read in its character set
 * (late-text.ts), then a multi-frame instance's frame geometry and any instance's Image Type, of
 * every instance stored without them, one blob at a time. One that cannot be read (a missing or
 * corrupt blob) is reported by its code and left for the next sweep, and the others go on.
 */
export async function readMissingMetadata(store: Store): Promise<MetadataSweep> {
  const text = await readStudyText(store);
  const instances = await readInstanceColumns(store);
  return { read: text.read + instances.read, failed: [...text.failed, ...instances.failed] };
}

async function readInstanceColumns(store: Store): Promise<MetadataSweep> {
  const sweep: MetadataSweep = { read: 0, failed: [] };
  let after = 0;
  for (;;) {
    const batch = await store.db.instance.findMany({
      where: {
        id: { gt: after },
        OR: [{ numberOfFrames: { gt: 1 }, frameGeometry: null }, { imageType: null }],
      },
      select: { id: true, numberOfFrames: true, frameGeometry: true, imageType: true },
      orderBy: { id: 'asc' },
      take: 100,
    });
    if (batch.length === 0) return sweep;
    for (const row of batch) {
      after = row.id;
      try {
        const { bytes } = await readInstanceBytes(store, row.id);
        const dicom = parseDicom(bytes, { file: `instance ${row.id}` });
        const needsFrames = (row.numberOfFrames ?? 1) > 1 && row.frameGeometry === null;
        await store.db.instance.update({
          where: { id: row.id },
          data: {
            ...(needsFrames
              ? { frameGeometry: frameGeometryColumn(readFrameGeometry(dicom)) }
              : {}),
            ...(row.imageType === null
              ? { imageType: imageTypeColumn(readInstanceMetadata(dicom).imageType) }
              : {}),
          },
        });
        sweep.read += 1;
      } catch (error) {
        sweep.failed.push({ instanceId: row.id, code: toErrorInfo(error).code });
      }
    }
  }
}
