/**
 * DICOMweb (PS3.18) from the client side: QIDO-RS searches and WADO-RS retrieval against a PACS,
 * the DICOM JSON model and multipart/related bodies. Transport only: what to pull and where it
 * goes is lib/pacs's job.
 */
export { checkUid, DicomWebClient, type DicomWebConfig } from './client';
export { numberOf, stringOf, TAGS } from './dicom-json';
export { splitMultipart } from './multipart';
