/**
 * Studies arriving from a PACS: pull what the store lacks over DICOMweb (lib/dicomweb) into the
 * store, once (`secondlook pacs pull`) or on a schedule in the server (SECONDLOOK_PACS_URL), so
 * that the screening queue reads them without anyone uploading.
 */
export { pacsConfigFromEnv, parseModalities, studyDateDaysBefore, type PacsConfig } from './config';
export { pullFromPacs, type PullQuery, type PullSummary } from './pull';
export {
  appPacsPoller,
  startAppPacsPoller,
  startPacsPoller,
  type PacsPoller,
  type PacsStatus,
} from './poller';
