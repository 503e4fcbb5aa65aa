/**
 * Studies arriving from a PACS: pull what the store lacks over DICOMweb (lib/dicomweb) into the
 * store, once (`secondlook pacs pull`) or on a schedule in the server (SECONDLOOK_PACS_URL), so
 * that the screening queue reads them without anyone uploading; and send the screening results
 * back into their studies as Secondary Captures (SECONDLOOK_PACS_SEND, `secondlook pacs send`).
 */
export {
  cleartextWarning,
  pacsConfigFromEnv,
  parseModalities,
  studyDateDaysBefore,
  type PacsConfig,
} from './config';
export { listPacsStudies, pullFromPacs, type PullQuery, type PullSummary } from './pull';
export {
  sendResults,
  type ResultPolicy,
  type SendQuery,
  type SendSummary,
  type SentResult,
} from './send';
export {
  appPacsPoller,
  startAppPacsPoller,
  PACS_LEASE,
  startPacsPoller,
  type PacsPoller,
  type PacsPollerOptions,
  type PacsStatus,
} from './poller';
