/**
 * The shapes `lib/dicom` hands out. Everything here is plain data (typed arrays and numbers),
 * usable in the browser, in API routes, in the CLI and in tests alike.
 */
import type { DataSet } from 'dicom-parser';
import type { ErrorInfo } from '../errors';

/** How the dataset bytes were read. */
interface DicomEncoding {
  /** The transfer syntax the dataset was read with (the meta's, or the one inferred). */
  transferSyntaxUID: string;
  /** (0002,0010) as written in the file meta; null when there is no meta or it lacks it. */
  fileMetaTransferSyntaxUID: string | null;
  littleEndian: boolean;
  explicitVR: boolean;
  /** The dataset itself was deflated (1.2.840.10008.1.2.1.99). */
  deflated: boolean;
  /** The file had the 128-byte preamble and "DICM". */
  hasPreamble: boolean;
  /** The file had a file meta information group (0002,xxxx). */
  hasFileMeta: boolean;
}

/**
 * A parsed Part 10 file (or bare dataset). Values are decoded lazily from `dataSet`, which is
 * dicom-parser's DataSet over `dataSet.byteArray` (the file bytes, or the inflated dataset for
 * deflated files). Element offsets in `dataSet` are relative to `dataSet.byteArray`; add
 * `datasetOffset` to get a file offset (for non-deflated files).
 */
export interface DicomFile {
  /** Where it came from, for error messages; null when unknown. */
  file: string | null;
  /** The bytes that were parsed, as given. */
  bytes: Uint8Array;
  dataSet: DataSet;
  encoding: DicomEncoding;
  /** Byte offset in `bytes` where the dataset (after the file meta) starts. */
  datasetOffset: number;
  /** Things that were odd but readable (dicom-parser's warnings and our own recoveries). */
  warnings: string[];
  /**
   * Only with `parseDicom(..., { allowPartial: true })`: the error that stopped parsing early
   * (e.g. TRUNCATED); the elements before it are in `dataSet`. Null for a complete read.
   */
  incomplete: ErrorInfo | null;
}

/** The inspect record: exactly the fields `secondlook inspect` prints, absent values null. */
export interface InspectRecord {
  sopInstanceUID: string | null;
  seriesInstanceUID: string | null;
  studyInstanceUID: string | null;
  modality: string | null;
  transferSyntaxUID: string | null;
  rows: number | null;
  columns: number | null;
  numberOfFrames: number | null;
  bitsAllocated: number | null;
  bitsStored: number | null;
  pixelRepresentation: number | null;
  photometricInterpretation: string | null;
  samplesPerPixel: number | null;
  /** Window Center (0028,1050), every value of the DS as a number array (even when one). */
  windowCenter: number[] | null;
  /** Window Width (0028,1051), every value as a number array (even when one). */
  windowWidth: number[] | null;
  rescaleSlope: number | null;
  rescaleIntercept: number | null;
  /** (0020,0032), three numbers. */
  imagePositionPatient: number[] | null;
  /** (0020,0037), six numbers. */
  imageOrientationPatient: number[] | null;
  /** (0028,0030), [row spacing, column spacing] in mm. */
  pixelSpacing: number[] | null;
}

/** The inspect record plus what a store, a worklist or a model needs. */
export interface InstanceMetadata extends InspectRecord {
  sopClassUID: string | null;
  instanceNumber: number | null;
  seriesNumber: number | null;
  seriesDescription: string | null;
  studyDate: string | null;
  studyTime: string | null;
  studyDescription: string | null;
  accessionNumber: string | null;
  patientName: string | null;
  patientId: string | null;
  patientBirthDate: string | null;
  patientSex: string | null;
  bodyPartExamined: string | null;
  viewPosition: string | null;
  sliceThickness: number | null;
  frameOfReferenceUID: string | null;
  /** (0008,0008) values, e.g. ['ORIGINAL', 'PRIMARY', 'AXIAL']. */
  imageType: string[] | null;
  manufacturer: string | null;
  /** (0028,0301) `YES` or `NO`: whether the pixels carry text (a label, a marker, a date). */
  burnedInAnnotation: string | null;
}

/** A LUT as stored: descriptor [entries (0 means 65536), first stored value mapped, bits]. */
export interface LookupTable {
  /** [number of entries, first input value mapped, bits per entry]. */
  descriptor: [number, number, number];
  /** One entry per input value from descriptor[1] on. */
  data: Uint16Array;
  explanation: string | null;
  /** Modality LUT only: (0028,3004). */
  lutType?: string | null;
}

export interface WindowSetting {
  center: number;
  width: number;
  explanation: string | null;
}

/** Everything needed to turn stored values into a display. */
export interface PixelModule {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  /** 0 interleaved (RGBRGB), 1 planar (RR..GG..BB..). */
  planarConfiguration: number;
  /** 1 when absent. */
  numberOfFrames: number;
  /** 1 when absent. */
  rescaleSlope: number;
  /** 0 when absent. */
  rescaleIntercept: number;
  rescaleType: string | null;
  /** First item of the Modality LUT Sequence (0028,3000), if any. */
  modalityLut: LookupTable | null;
  /** One per Window Center/Width pair, in file order. */
  windows: WindowSetting[];
  /** (0028,1056): LINEAR (default), LINEAR_EXACT or SIGMOID. */
  voiLutFunction: string | null;
  /** Items of the VOI LUT Sequence (0028,3010). */
  voiLuts: LookupTable[];
  /** PALETTE COLOR lookup tables, red/green/blue; null unless present. */
  palette: { red: LookupTable; green: LookupTable; blue: LookupTable } | null;
  /** Float (0x7FE00008) or double (0x7FE00009) pixel data instead of integer PixelData. */
  floatPixelData: 'float32' | 'float64' | null;
}

export type PixelDType =
  'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type PixelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * One decoded frame. Grayscale: stored values, masked to BitsStored and sign-extended when
 * PixelRepresentation is 1 (no rescale, no LUT). Colour (RGB, YBR_*, PALETTE COLOR): converted
 * to RGB, interleaved; uint8 for 8-bit data and for palettes (16-bit palette entries are scaled
 * to 8 bits), uint16/uint32 for 16/32-bit RGB.
 */
export interface DecodedFrame {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  /** 'RGB' after colour conversion, otherwise MONOCHROME1 or MONOCHROME2. */
  photometricInterpretation: string;
  dtype: PixelDType;
  pixels: PixelArray;
  /** Zero-based frame index. */
  frame: number;
  numberOfFrames: number;
}
