import {
  parseDicom,
  readFrameGeometry,
  readInstanceMetadata,
  type FrameGeometry,
  type InstanceMetadata,
} from '../dicom';
import { frameGeometryColumn, imageTypeColumn } from './late-metadata';
import { audited } from '../audit';
import { actorFields, type Actor } from '../auth/users';
import { SecondlookError, toErrorInfo, type ErrorInfo } from '../errors';
import type { Store, Tx } from './db';
import { sha256Of, storeBlob } from './blobs';
import { refreshWorklistKeys } from './worklist-keys';

type ImportStatus = 'stored' | 'duplicate' | 'conflict' | 'failed';

export interface ImportResult {
  file: string;
  status: ImportStatus;
  studyId?: number;
  seriesId?: number;
  instanceId?: number;
  sha256?: string;
  size?: number;
  error?: ErrorInfo;
}

function firstOf(values: number[] | null): number | null {
  return values?.[0] ?? null;
}

function jsonOrNull(values: number[] | null): string | null {
  return values ? JSON.stringify(values) : null;
}

function required(meta: InstanceMetadata, file: string) {
  const missing = (['studyInstanceUID', 'seriesInstanceUID', 'sopInstanceUID'] as const).filter(
    (key) => !meta[key],
  );
  if (missing.length > 0) {
    throw new SecondlookError(
      'MISSING_UID',
      `no ${missing.join(', ')}: cannot place the instance`,
      { file },
    );
  }
  return {
    studyUid: meta.studyInstanceUID as string,
    seriesUid: meta.seriesInstanceUID as string,
    sopUid: meta.sopInstanceUID as string,
  };
}

async function studyIdFor(tx: Tx, uid: string, meta: InstanceMetadata): Promise<number> {
  const existing = await tx.study.findUnique({
    where: { studyInstanceUID: uid },
    select: { id: true },
  });
  if (existing) return existing.id;
  const created = await tx.study.create({
    data: {
      studyInstanceUID: uid,
      patientName: meta.patientName,
      patientId: meta.patientId,
      patientBirthDate: meta.patientBirthDate,
      patientSex: meta.patientSex,
      studyDate: meta.studyDate,
      studyTime: meta.studyTime,
      studyDescription: meta.studyDescription,
      accessionNumber: meta.accessionNumber,
      textRead: true,
    },
  });
  return created.id;
}

/** The series' id, and whether this file created it (its first instance). */
async function seriesFor(
  tx: Tx,
  uid: string,
  studyId: number,
  meta: InstanceMetadata,
  file: string,
) {
  const existing = await tx.series.findUnique({ where: { seriesInstanceUID: uid } });
  if (existing) {
    if (existing.studyId !== studyId) {
      throw new SecondlookError('UID_CONFLICT', 'the series already belongs to another study', {
        file,
      });
    }
    return { id: existing.id, created: false };
  }
  const created = await tx.series.create({
    data: {
      seriesInstanceUID: uid,
      studyId,
      modality: meta.modality,
      seriesNumber: meta.seriesNumber,
      seriesDescription: meta.seriesDescription,
      bodyPartExamined: meta.bodyPartExamined,
    },
  });
  return { id: created.id, created: true };
}

/**
 * Ingests one file: parse and validate it, store its bytes content-addressed (crash-safe, see
 * storeBlob), then write the Study/Series/Instance rows and the audit event in one transaction.
 * The same instance again is a `duplicate` (no change); another file with the same SOP Instance
 * UID is a `conflict` (nothing overwritten); bad input is `failed` with its error. Never throws
 * for bad input.
 */
export async function importBytes(
  store: Store,
  bytes: Uint8Array,
  file: string,
  actor: Actor,
): Promise<ImportResult> {
  try {
    const dicom = parseDicom(bytes, { file });
    const meta = readInstanceMetadata(dicom);
    const frameGeometry = readFrameGeometry(dicom);
    const uids = required(meta, file);
    const sha256 = sha256Of(bytes);
    const known = await store.db.instance.findUnique({ where: { sopInstanceUID: uids.sopUid } });
    if (known) return sameOrConflict(file, known, sha256);
    const blob = storeBlob(store.config.dataDir, bytes, sha256);
    return await audited(store.db, async (tx) => {
      const raced = await tx.instance.findUnique({ where: { sopInstanceUID: uids.sopUid } });
      if (raced)
        return {
          result: sameOrConflict(file, raced, sha256),
          event: { action: 'instance.import.skip', ...actorFields(actor), details: { sha256 } },
        };
      const studyId = await studyIdFor(tx, uids.studyUid, meta);
      const series = await seriesFor(tx, uids.seriesUid, studyId, meta, file);
      const seriesId = series.id;
      const instance = await tx.instance.create({
        data: instanceRow(meta, frameGeometry, uids.sopUid, seriesId, blob),
      });
      if (series.created) await refreshWorklistKeys(tx, [studyId]);
      return {
        result: {
          file,
          status: 'stored',
          studyId,
          seriesId,
          instanceId: instance.id,
          sha256,
          size: blob.size,
        },
        event: {
          action: 'instance.import',
          ...actorFields(actor),
          subjectType: 'instance',
          subjectId: instance.id,
          details: { studyId, seriesId, sha256, size: blob.size },
        },
      };
    });
  } catch (error) {
    return { file, status: 'failed', error: toErrorInfo(error, file) };
  }
}

function sameOrConflict(
  file: string,
  known: { id: number; seriesId: number; sha256: string; size: number },
  sha256: string,
): ImportResult {
  if (known.sha256 === sha256) {
    return {
      file,
      status: 'duplicate',
      seriesId: known.seriesId,
      instanceId: known.id,
      sha256,
      size: known.size,
    };
  }
  return {
    file,
    status: 'conflict',
    instanceId: known.id,
    sha256,
    error: new SecondlookError(
      'UID_CONFLICT',
      `another file with this SOP Instance UID is stored (instance ${known.id}, sha256 ${known.sha256.slice(0, 12)}...): not overwritten`,
      { file },
    ).toJSON(),
  };
}

function instanceRow(
  meta: InstanceMetadata,
  frameGeometry: FrameGeometry | null,
  sopInstanceUID: string,
  seriesId: number,
  blob: { blobPath: string; sha256: string; size: number },
) {
  return {
    sopInstanceUID,
    seriesId,
    sopClassUID: meta.sopClassUID,
    instanceNumber: meta.instanceNumber,
    transferSyntaxUID: meta.transferSyntaxUID,
    rows: meta.rows,
    columns: meta.columns,
    numberOfFrames: meta.numberOfFrames,
    bitsAllocated: meta.bitsAllocated,
    bitsStored: meta.bitsStored,
    pixelRepresentation: meta.pixelRepresentation,
    photometricInterpretation: meta.photometricInterpretation,
    samplesPerPixel: meta.samplesPerPixel,
    windowCenter: firstOf(meta.windowCenter),
    windowWidth: firstOf(meta.windowWidth),
    rescaleSlope: meta.rescaleSlope,
    rescaleIntercept: meta.rescaleIntercept,
    imagePositionPatient: jsonOrNull(meta.imagePositionPatient),
    imageOrientationPatient: jsonOrNull(meta.imageOrientationPatient),
    pixelSpacing: jsonOrNull(meta.pixelSpacing),
    frameGeometry: frameGeometryColumn(frameGeometry),
    imageType: imageTypeColumn(meta.imageType),
    viewPosition: meta.viewPosition,
    blobPath: blob.blobPath,
    sha256: blob.sha256,
    size: blob.size,
  };
}
