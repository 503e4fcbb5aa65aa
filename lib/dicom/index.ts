/**
 * lib/dicom: Part 10 parsing (dicom-parser), metadata, pixel module and frame decoding for every
 * transfer syntax in the registry. This file is the module's one public face.
 */
export { parseDicom, type ParseOptions } from './parse';
export { readInstanceMetadata, toInspectRecord, INSPECT_FIELDS } from './metadata';
export { readPixelModule } from './pixelModule';
export { decodeFrame, type DecodeOptions } from './decode';
export { readFrameMetadata, type FrameMetadata } from './frame-metadata';
export { readProjectionSpacing, type ProjectionSpacing } from './projection-spacing';
export { CODECS, SUPPORTED_TRANSFER_SYNTAXES, codecFor, type CodecEntry } from './codecs/registry';
export { TAG, TS } from './tags';
export { str, strings, num, numbers, us, presentElement } from './values';
export { formatPersonName } from './person-name';
export type {
  DicomEncoding,
  DicomFile,
  InspectRecord,
  InstanceMetadata,
  LookupTable,
  WindowSetting,
  PixelModule,
  PixelDType,
  PixelArray,
  DecodedFrame,
} from './types';
export * from './series';
export { writePart10, type Element as WritableElement, type WritableVr } from './write';
