/**
 * lib/dicom: Part 10 parsing (dicom-parser), metadata, pixel module and frame decoding for every
 * transfer syntax in the registry. This file is the module's one public face.
 */
export { parseDicom } from './parse';
export { readInstanceMetadata, toInspectRecord, INSPECT_FIELDS } from './metadata';
export { readPixelModule } from './pixelModule';
export { listElements, type ElementRow } from './element-list';
export {
  readStructuredReport,
  type SrItem,
  type SrReference,
  type StructuredReport,
} from './structured-report';
export { readEncapsulatedDocument } from './encapsulated-document';
export { readPresentationState, type PresentationState } from './presentation-state';
export { presentationOn, type PresentationDisplay } from './presentation-display';
export { decodeFrame } from './decode';
export {
  readFrameGeometry,
  readFrameMetadata,
  type FrameGeometry,
  type FrameMetadata,
} from './frame-metadata';
export { readProjectionSpacing, type ProjectionSpacing } from './projection-spacing';
export { CODECS, codecFor } from './codecs/registry';
export { TAG, TS } from './tags';
export { str, presentElement } from './values';
export { formatPersonName } from './person-name';
export { edgeLetters, patientAxes, projectionAxes, readPatientOrientation } from './orientation';
export type {
  DicomFile,
  InspectRecord,
  InstanceMetadata,
  PixelModule,
  DecodedFrame,
} from './types';
export * from './series';
export { writePart10, type Element as WritableElement, type WritableVr } from './write';
