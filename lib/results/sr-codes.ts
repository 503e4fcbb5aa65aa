/**
 * Coded concepts the structured reports share (DICOM's DCM, SNOMED CT's SCT and UCUM), and the
 * private scheme 99SECONDLOOK for concepts DICOM has no code for, which each report declares.
 */
import type { Code } from './sr-content';

export const PRIVATE_SCHEME = '99SECONDLOOK';
export const dcm = (value: string, meaning: string): Code => ({ value, scheme: 'DCM', meaning });
export const sct = (value: string, meaning: string): Code => ({ value, scheme: 'SCT', meaning });
export const ucum = (value: string, meaning: string): Code => ({ value, scheme: 'UCUM', meaning });
export const own = (value: string, meaning: string): Code => ({
  value,
  scheme: PRIVATE_SCHEME,
  meaning,
});

export const SR_CODES = {
  report: dcm('126000', 'Imaging Measurement Report'),
  language: dcm('121049', 'Language of Content Item and Descendants'),
  english: { value: 'en-US', scheme: 'RFC5646', meaning: 'English (United States)' },
  observerType: dcm('121005', 'Observer Type'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imagingProcedure: sct('363679005', 'Imaging procedure'),
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingId: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  yes: sct('373066001', 'Yes'),
  no: sct('373067005', 'No'),
  noUnits: ucum('1', 'no units'),
} as const;
