/**
 * A DICOM Structured Report (PS3.3 C.17.3) as a reader reads it: the document's content tree,
 * each content item with its relationship to its parent, value type, concept name and value in
 * words, as DCMTK's dsrdump prints it. Text is read in the file's Specific Character Set.
 */
import type { DataSet } from 'dicom-parser';
import { textDecoderFor, type TextReader } from './character-set';
import { formatPersonName } from './person-name';
import { TAG } from './tags';
import type { DicomFile } from './types';
import { binaryValues, numbers, str, textValue } from './values';

interface SrCode {
  value: string;
  scheme: string;
  meaning: string;
}

export interface SrItem {
  /** `CONTAINS`, `HAS OBS CONTEXT`, `INFERRED FROM`... to the parent; null for the document. */
  relationship: string | null;
  /** `CONTAINER`, `TEXT`, `CODE`, `NUM`...; null for a reference to another item. */
  valueType: string | null;
  concept: SrCode | null;
  /** The value in words (a container's continuity; a reference's position, as `1.2.3`). */
  value: string;
  /** The instance an IMAGE, COMPOSITE or WAVEFORM item references, and its frames if it says. */
  reference: SrReference | null;
  children: SrItem[];
}

export interface SrReference {
  sopInstanceUID: string;
  frames: number[];
}

export interface StructuredReport {
  document: SrItem;
  completionFlag: string | null;
  verificationFlag: string | null;
  /** Content Date and Time, as stored (`20050530`, `160527`). */
  contentDate: string | null;
  contentTime: string | null;
}

const SR = {
  ValueType: 'x0040a040',
  ConceptNameCodeSequence: 'x0040a043',
  ConceptCodeSequence: 'x0040a168',
  ContentSequence: 'x0040a730',
  RelationshipType: 'x0040a010',
  ContinuityOfContent: 'x0040a050',
  TextValue: 'x0040a160',
  PersonName: 'x0040a123',
  Date: 'x0040a121',
  Time: 'x0040a122',
  DateTime: 'x0040a120',
  UID: 'x0040a124',
  MeasuredValueSequence: 'x0040a300',
  NumericValue: 'x0040a30a',
  NumericValueQualifierCodeSequence: 'x0040a301',
  MeasurementUnitsCodeSequence: 'x004008ea',
  ReferencedSOPSequence: 'x00081199',
  ReferencedSOPInstanceUID: 'x00081155',
  ReferencedFrameNumber: 'x00081160',
  GraphicType: 'x00700023',
  GraphicData: 'x00700022',
  TemporalRangeType: 'x0040a130',
  ReferencedContentItemIdentifier: 'x0040db73',
  CompletionFlag: 'x0040a491',
  VerificationFlag: 'x0040a493',
  ContentDate: 'x00080023',
  ContentTime: 'x00080033',
  CodeValue: 'x00080100',
  CodingSchemeDesignator: 'x00080102',
  CodeMeaning: 'x00080104',
  LongCodeValue: 'x00080119',
  URNCodeValue: 'x00080120',
} as const;

function firstItem(ds: DataSet, tag: string): DataSet | null {
  return ds.elements[tag]?.items?.[0]?.dataSet ?? null;
}

/** A code item; its meaning (LO) is text in the report's character set. */
function codeOf(ds: DataSet | null, decoder: TextReader): SrCode | null {
  if (!ds) return null;
  const value =
    str(ds, SR.CodeValue) ?? str(ds, SR.LongCodeValue) ?? str(ds, SR.URNCodeValue) ?? '';
  return {
    value,
    scheme: str(ds, SR.CodingSchemeDesignator) ?? '',
    meaning: textValue(ds, SR.CodeMeaning, decoder).trim(),
  };
}

function numericValue(ds: DataSet, decoder: TextReader): string {
  const measured = firstItem(ds, SR.MeasuredValueSequence);
  if (!measured) {
    const qualifier = codeOf(firstItem(ds, SR.NumericValueQualifierCodeSequence), decoder);
    return qualifier ? qualifier.meaning : '';
  }
  const number = str(measured, SR.NumericValue) ?? '';
  const units = codeOf(firstItem(measured, SR.MeasurementUnitsCodeSequence), decoder);
  // UCUM's `1` is "no units": a probability or a ratio reads as the bare number.
  return units && units.value !== '1' ? `${number} ${units.value}` : number;
}

function referenceOf(ds: DataSet): SrReference | null {
  const reference = firstItem(ds, SR.ReferencedSOPSequence);
  const uid = reference && str(reference, SR.ReferencedSOPInstanceUID);
  if (!reference || !uid) return null;
  return { sopInstanceUID: uid, frames: numbers(reference, SR.ReferencedFrameNumber) ?? [] };
}

function referencedObject(reference: SrReference | null): string {
  if (!reference) return '';
  const { sopInstanceUID, frames } = reference;
  return frames.length ? `${sopInstanceUID} frame ${frames.join('\\')}` : sopInstanceUID;
}

const REFERENCING = new Set(['IMAGE', 'COMPOSITE', 'WAVEFORM']);

function graphic(ds: DataSet): string {
  const points = binaryValues(ds, SR.GraphicData, 4, (k) => ds.float(SR.GraphicData, k));
  const pairs = [];
  for (let k = 0; k + 1 < points.length; k += 2) pairs.push(`${points[k]}/${points[k + 1]}`);
  return `${str(ds, SR.GraphicType) ?? ''} ${pairs.join(', ')}`.trim();
}

function valueOf(ds: DataSet, valueType: string, decoder: TextReader): string {
  switch (valueType) {
    case 'CONTAINER':
      return str(ds, SR.ContinuityOfContent) ?? '';
    case 'TEXT':
      return textValue(ds, SR.TextValue, decoder);
    case 'CODE': {
      const code = codeOf(firstItem(ds, SR.ConceptCodeSequence), decoder);
      return code ? `${code.meaning} (${code.value}, ${code.scheme})` : '';
    }
    case 'NUM':
      return numericValue(ds, decoder);
    case 'PNAME':
      return formatPersonName(textValue(ds, SR.PersonName, decoder));
    case 'DATE':
      return str(ds, SR.Date) ?? '';
    case 'TIME':
      return str(ds, SR.Time) ?? '';
    case 'DATETIME':
      return str(ds, SR.DateTime) ?? '';
    case 'UIDREF':
      return str(ds, SR.UID) ?? '';
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM':
      return referencedObject(referenceOf(ds));
    case 'SCOORD':
    case 'SCOORD3D':
      return graphic(ds);
    case 'TCOORD':
      return str(ds, SR.TemporalRangeType) ?? '';
    default:
      return '';
  }
}

function itemOf(ds: DataSet, outer: TextReader): SrItem {
  const charset = str(ds, TAG.SpecificCharacterSet);
  const decoder = charset === null ? outer : textDecoderFor(charset);
  const relationship = str(ds, SR.RelationshipType);
  const valueType = str(ds, SR.ValueType);
  const children = (ds.elements[SR.ContentSequence]?.items ?? []).flatMap((item) =>
    item.dataSet ? [itemOf(item.dataSet, decoder)] : [],
  );
  if (valueType === null) {
    const position = binaryValues(
      ds,
      SR.ReferencedContentItemIdentifier,
      4,
      (k) => ds.uint32(SR.ReferencedContentItemIdentifier, k) ?? 0,
    );
    const value = position.join('.');
    return { relationship, valueType, concept: null, value, reference: null, children };
  }
  return {
    relationship,
    valueType,
    concept: codeOf(firstItem(ds, SR.ConceptNameCodeSequence), decoder),
    value: valueOf(ds, valueType, decoder),
    reference: REFERENCING.has(valueType) ? referenceOf(ds) : null,
    children,
  };
}

/** The report in `file`, or null when the file is not a structured report (no Value Type). */
export function readStructuredReport(file: DicomFile): StructuredReport | null {
  const ds = file.dataSet;
  if (str(ds, SR.ValueType) === null) return null;
  return {
    document: itemOf(ds, textDecoderFor('')),
    completionFlag: str(ds, SR.CompletionFlag),
    verificationFlag: str(ds, SR.VerificationFlag),
    contentDate: str(ds, SR.ContentDate),
    contentTime: str(ds, SR.ContentTime),
  };
}
