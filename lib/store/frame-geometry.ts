/**
 * Where the frames of a multi-frame instance lie (lib/dicom readFrameGeometry), kept with the
 * instance so the viewer can order its frames and reformat them without reading the file. Read
 * at import; instances stored before it was kept are read once, from their blobs.
 */
import { parseDicom, readFrameGeometry, type FrameGeometry } from '../dicom';
import { toErrorInfo } from '../errors';
import type { Store } from './db';
import { readInstanceBytes } from './studies';

export function frameGeometryColumn(geometry: FrameGeometry | null): string | null {
  return geometry ? JSON.stringify(geometry) : null;
}

export interface FrameGeometrySweep {
  read: number;
  failed: { instanceId: number; code: string }[];
}

/**
 * Reads the frame geometry of every multi-frame instance stored without it, one blob at a time;
 * one that cannot be read (a missing or corrupt blob) is reported by its code and left for the
 * next sweep, and the others go on.
 */
export async function readMissingFrameGeometry(store: Store): Promise<FrameGeometrySweep> {
  const sweep: FrameGeometrySweep = { read: 0, failed: [] };
  let after = 0;
  for (;;) {
    const batch = await store.db.instance.findMany({
      where: { id: { gt: after }, numberOfFrames: { gt: 1 }, frameGeometry: null },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: 100,
    });
    if (batch.length === 0) return sweep;
    for (const { id } of batch) {
      after = id;
      try {
        const { bytes } = await readInstanceBytes(store, id);
        const geometry = readFrameGeometry(parseDicom(bytes, { file: `instance ${id}` }));
        await store.db.instance.update({
          where: { id },
          data: { frameGeometry: frameGeometryColumn(geometry) },
        });
        sweep.read += 1;
      } catch (error) {
        sweep.failed.push({ instanceId: id, code: toErrorInfo(error).code });
      }
    }
  }
}
