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
  REVIEW_SERIES_NUMBER,
  sendReviews,
  type ReviewSendQuery,
  type ReviewSendSummary,
  type SentReview,
} from './send-reviews';
export {
  appPacsPoller,
  startAppPacsPoller,
  PACS_LEASE,
  startPacsPoller,
  type PacsPoller,
  type PacsPollerOptions,
  type PacsStatus,
} from './poller';
