/** Reader reviews: drafts, signatures (immutable), amendments, and agreement with the AI. */
export {
  amendReview,
  createReview,
  discardDraft,
  listReviews,
  signReview,
  updateDraft,
} from './reviews';
export { DECISIONS, type FindingDecision } from './validate';
export { isDiscordant } from './agreement';
export { readerFeedback, type ModelFeedback } from './feedback';
export {
  saliencyAudit,
  type SaliencyAudit,
  type SaliencyAuditModel,
  type SaliencyAuditRow,
} from './saliency-audit';
export { saveView } from './saved-view';
export { triageTurnaround, type Turnaround, type TurnaroundGroup } from './turnaround';
export {
  parseMeasurements,
  type Measurement,
  type MeasurementTool,
  type MeasurementValue,
} from './measurements';
export {
  screeningMonitoring,
  weekStart,
  type ModelMonitoring,
  type Proportion,
} from './monitoring';
