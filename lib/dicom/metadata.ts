/**
 * readInstanceMetadata / toInspectRecord: the attributes a store, worklist, model or the
 * `inspect` command needs, read lazily from a parsed file. Names, IDs and descriptions are read in
 * the file's Specific Character Set. Absent or empty values are null;
 * DS/IS values are parsed to numbers; multi-valued DS (window centre/width, positions,
 * orientation, spacing) are number arrays.
 */
import type { DataSet } from 'dicom-parser';
import { textDecoderFor, type TextReader } from './character-set';
import { TAG } from './tags';
import type { DicomFile, InspectRecord, InstanceMetadata } from './types';
import { intValue, num, numbers, str, strings, textValue, us } from './values';

/** A name, ID or description (PN, LO, SH) in the file's character set; null when empty. */
function text(ds: DataSet, tag: string, reader: TextReader): string | null {
  return textValue(ds, tag, reader).trim() || null;
}

/** The exact field list of the inspect record, in order. */
export const INSPECT_FIELDS = [
  'sopInstanceUID',
  'seriesInstanceUID',
  'studyInstanceUID',
  'modality',
  'transferSyntaxUID',
  'rows',
  'columns',
  'numberOfFrames',
  'bitsAllocated',
  'bitsStored',
  'pixelRepresentation',
  'photometricInterpretation',
  'samplesPerPixel',
  'windowCenter',
  'windowWidth',
  'rescaleSlope',
  'rescaleIntercept',
  'imagePositionPatient',
  'imageOrientationPatient',
  'pixelSpacing',
] as const satisfies readonly (keyof InspectRecord)[];

export function readInstanceMetadata(file: DicomFile): InstanceMetadata {
  const ds = file.dataSet;
  const reader = textDecoderFor(str(ds, TAG.SpecificCharacterSet) ?? '');
  return {
    sopInstanceUID: str(ds, TAG.SOPInstanceUID),
    seriesInstanceUID: str(ds, TAG.SeriesInstanceUID),
    studyInstanceUID: str(ds, TAG.StudyInstanceUID),
    modality: str(ds, TAG.Modality),
    transferSyntaxUID: file.encoding.transferSyntaxUID,
    rows: us(ds, TAG.Rows),
    columns: us(ds, TAG.Columns),
    numberOfFrames: intValue(ds, TAG.NumberOfFrames),
    bitsAllocated: us(ds, TAG.BitsAllocated),
    bitsStored: us(ds, TAG.BitsStored),
    pixelRepresentation: us(ds, TAG.PixelRepresentation),
    photometricInterpretation: str(ds, TAG.PhotometricInterpretation),
    samplesPerPixel: us(ds, TAG.SamplesPerPixel),
    windowCenter: numbers(ds, TAG.WindowCenter),
    windowWidth: numbers(ds, TAG.WindowWidth),
    rescaleSlope: num(ds, TAG.RescaleSlope),
    rescaleIntercept: num(ds, TAG.RescaleIntercept),
    imagePositionPatient: numbers(ds, TAG.ImagePositionPatient),
    imageOrientationPatient: numbers(ds, TAG.ImageOrientationPatient),
    pixelSpacing: numbers(ds, TAG.PixelSpacing),
    sopClassUID: str(ds, TAG.SOPClassUID),
    instanceNumber: intValue(ds, TAG.InstanceNumber),
    seriesNumber: intValue(ds, TAG.SeriesNumber),
    seriesDescription: text(ds, TAG.SeriesDescription, reader),
    studyDate: str(ds, TAG.StudyDate),
    studyTime: str(ds, TAG.StudyTime),
    studyDescription: text(ds, TAG.StudyDescription, reader),
    accessionNumber: text(ds, TAG.AccessionNumber, reader),
    patientName: text(ds, TAG.PatientName, reader),
    patientId: text(ds, TAG.PatientID, reader),
    patientBirthDate: str(ds, TAG.PatientBirthDate),
    patientSex: str(ds, TAG.PatientSex),
    bodyPartExamined: str(ds, TAG.BodyPartExamined),
    viewPosition: str(ds, TAG.ViewPosition),
    sliceThickness: num(ds, TAG.SliceThickness),
    frameOfReferenceUID: str(ds, TAG.FrameOfReferenceUID),
    imageType: strings(ds, TAG.ImageType),
    manufacturer: text(ds, TAG.Manufacturer, reader),
    burnedInAnnotation: str(ds, TAG.BurnedInAnnotation),
  };
}

/** Exactly the inspect fields, in order, from metadata (or straight from a file). */
export function toInspectRecord(source: InstanceMetadata | DicomFile): InspectRecord {
  const meta = 'dataSet' in source ? readInstanceMetadata(source) : source;
  const record = {} as Record<keyof InspectRecord, unknown>;
  for (const field of INSPECT_FIELDS) record[field] = meta[field];
  return record as unknown as InspectRecord;
}
