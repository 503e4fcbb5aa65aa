import { readFileSync } from 'node:fs';
import { audited } from '../audit';
import type { SessionUser } from '../auth/roles';
import { SecondlookError } from '../errors';
import type { FrameGeometry } from '../dicom';
import { blobFile, sha256Of } from './blobs';
import type { Store } from './db';
import type { Instance } from './generated/sqlite/client';
import { toInferenceView, type InferenceView } from './inferences';
import { loadStudies, toWorklistItem, type WorklistItem } from './worklist';

interface InstanceView {
  id: number;
  sopInstanceUID: string;
  instanceNumber: number | null;
  sopClassUID: string | null;
  transferSyntaxUID: string | null;
  rows: number | null;
  columns: number | null;
  numberOfFrames: number | null;
  bitsAllocated: number | null;
  bitsStored: number | null;
  pixelRepresentation: number | null;
  photometricInterpretation: string | null;
  samplesPerPixel: number | null;
  windowCenter: number | null;
  windowWidth: number | null;
  rescaleSlope: number | null;
  rescaleIntercept: number | null;
  imagePositionPatient: number[] | null;
  imageOrientationPatient: number[] | null;
  pixelSpacing: number[] | null;
  /** A multi-frame instance's frames (null for a single frame, or not read yet: see frame-geometry.ts). */
  frameGeometry: FrameGeometry | null;
  /** Image Type (0008,0008) values; null for an instance stored before it was kept, not read yet. */
  imageType: string[] | null;
  viewPosition: string | null;
  sha256: string;
  size: number;
  url: string;
}

export interface StudyDetail extends WorklistItem {
  patientBirthDate: string | null;
  patientSex: string | null;
  studyTime: string | null;
  accessionNumber: string | null;
  series: {
    id: number;
    seriesInstanceUID: string;
    modality: string | null;
    seriesNumber: number | null;
    seriesDescription: string | null;
    bodyPartExamined: string | null;
    instances: InstanceView[];
  }[];
  inferences: InferenceView[];
  /** The patient's other studies in the store, newest first (samePatient). */
  otherStudies: WorklistItem[];
}

/**
 * Whether two studies are of one patient: the same Patient ID, and where both say them, the same
 * birth date and sex, so that two sites' patients who share an ID by chance are not joined.
 */
function samePatient(
  a: { patientId: string | null; patientBirthDate: string | null; patientSex: string | null },
  b: { patientId: string | null; patientBirthDate: string | null; patientSex: string | null },
): boolean {
  const agree = (x: string | null, y: string | null) => x === null || y === null || x === y;
  return (
    !!a.patientId?.trim() &&
    a.patientId === b.patientId &&
    agree(a.patientBirthDate, b.patientBirthDate) &&
    agree(a.patientSex, b.patientSex)
  );
}

/** Newest study date first; undated last, then newest in the store first. */
function byStudyDate(a: WorklistItem, b: WorklistItem): number {
  return (
    (b.studyDate ?? '').localeCompare(a.studyDate ?? '') ||
    b.createdAt.localeCompare(a.createdAt) ||
    b.studyId - a.studyId
  );
}

const numbers = (text: string | null) => (text === null ? null : (JSON.parse(text) as number[]));

type GeometryColumns = 'imagePositionPatient' | 'imageOrientationPatient' | 'pixelSpacing';

/** Where an instance's images lie, from its JSON columns (as lib/dicom's series assembly takes it). */
export function instanceGeometry(row: Pick<Instance, GeometryColumns | 'frameGeometry'>) {
  return {
    imagePositionPatient: numbers(row.imagePositionPatient),
    imageOrientationPatient: numbers(row.imageOrientationPatient),
    pixelSpacing: numbers(row.pixelSpacing),
    frameGeometry:
      row.frameGeometry === null ? null : (JSON.parse(row.frameGeometry) as FrameGeometry),
  };
}

function toInstanceView(row: Instance): InstanceView {
  return {
    id: row.id,
    sopInstanceUID: row.sopInstanceUID,
    instanceNumber: row.instanceNumber,
    sopClassUID: row.sopClassUID,
    transferSyntaxUID: row.transferSyntaxUID,
    rows: row.rows,
    columns: row.columns,
    numberOfFrames: row.numberOfFrames,
    bitsAllocated: row.bitsAllocated,
    bitsStored: row.bitsStored,
    pixelRepresentation: row.pixelRepresentation,
    photometricInterpretation: row.photometricInterpretation,
    samplesPerPixel: row.samplesPerPixel,
    windowCenter: row.windowCenter,
    windowWidth: row.windowWidth,
    rescaleSlope: row.rescaleSlope,
    rescaleIntercept: row.rescaleIntercept,
    ...instanceGeometry(row),
    imageType: row.imageType === null ? null : (JSON.parse(row.imageType) as string[]),
    viewPosition: row.viewPosition,
    sha256: row.sha256,
    size: row.size,
    url: `/api/instances/${row.id}/file`,
  };
}

/**
 * A study with its series (instances in instance-number order), inferences and the viewer's
 * review state. Opening it writes a `study.view` audit event in the same transaction.
 */
export async function getStudyDetail(
  store: Store,
  studyId: number,
  viewer: SessionUser,
): Promise<StudyDetail> {
  return audited(store.db, async (tx) => {
    const [summary] = await loadStudies(tx, viewer, { id: studyId });
    if (!summary) throw new SecondlookError('NOT_FOUND', `no study ${studyId}`);
    const study = await tx.study.findUniqueOrThrow({
      where: { id: studyId },
      include: {
        series: {
          orderBy: [{ seriesNumber: 'asc' }, { id: 'asc' }],
          include: {
            instances: { orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }] },
            inferences: {
              orderBy: { id: 'desc' },
              include: { modelVersion: true, pacsResult: true },
            },
          },
        },
      },
    });
    const detail: StudyDetail = {
      ...toWorklistItem(summary, viewer),
      patientBirthDate: study.patientBirthDate,
      patientSex: study.patientSex,
      studyTime: study.studyTime,
      accessionNumber: study.accessionNumber,
      series: study.series.map((s) => ({
        id: s.id,
        seriesInstanceUID: s.seriesInstanceUID,
        modality: s.modality,
        seriesNumber: s.seriesNumber,
        seriesDescription: s.seriesDescription,
        bodyPartExamined: s.bodyPartExamined,
        instances: s.instances.map(toInstanceView),
      })),
      inferences: study.series.flatMap((s) => s.inferences.map(toInferenceView)),
      otherStudies: study.patientId?.trim()
        ? (await loadStudies(tx, viewer, { id: { not: studyId }, patientId: study.patientId }))
            .filter((other) => samePatient(study, other))
            .map((other) => toWorklistItem(other, viewer))
            .sort(byStudyDate)
        : [],
    };
    return {
      result: detail,
      event: {
        action: 'study.view',
        actorId: viewer.id,
        actorName: viewer.username,
        subjectType: 'study',
        subjectId: studyId,
      },
    };
  });
}

/** The stored bytes of an instance, checked against the sha256 recorded at import. */
export async function readInstanceBytes(
  store: Store,
  instanceId: number,
): Promise<{ bytes: Buffer; sha256: string }> {
  const row = await store.db.instance.findUnique({ where: { id: instanceId } });
  if (!row) throw new SecondlookError('NOT_FOUND', `no instance ${instanceId}`);
  const bytes = readFileSync(blobFile(store.config.dataDir, row.blobPath));
  if (sha256Of(bytes) !== row.sha256) {
    throw new SecondlookError(
      'BLOB_CORRUPT',
      `the stored file of instance ${instanceId} does not match its sha256`,
    );
  }
  return { bytes, sha256: row.sha256 };
}
