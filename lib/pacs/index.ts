/**
 * Studies arriving from a PACS: pull what the store lacks over DICOMweb (lib/dicomweb) into the
 * store, once (`secondlook pacs pull`) or on a schedule in the server (SECONDLOOK_PACS_URL), so
 * that the screening queue reads them without anyone uploading; send the screening results
 * back into their studies as Secondary Captures (SECONDLOOK_PACS_SEND, `secondlook pacs send`);
 * and send the readers' signed reviews as structured reports (SECONDLOOK_PACS_SEND_REVIEWS,
 * `secondlook pacs send --reviews`).
 */
export {
  cleartextWarning,
  pacsConfigFromEnv,
  studyDateDaysBefore,
  type PacsConfig,
} from './config';
export { listPacsStudies, pullFromPacs } from './pull';
export { sendResults, type ResultPolicy } from './send';
export { sendReviews } from './send-reviews';
export {
  appPacsPoller,
  startAppPacsPoller,
  startPacsPoller,
  type PacsPoller,
  type PacsStatus,
} from './poller';
