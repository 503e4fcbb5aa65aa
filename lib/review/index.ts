/** Reader reviews: drafts, signatures (immutable), amendments, and agreement with the AI. */
export {
  amendReview,
  createReview,
  listReviews,
  signReview,
  toReviewView,
  updateDraft,
  type NewReviewInput,
  type ReviewStatus,
  type ReviewView,
} from './reviews';
export {
  DECISIONS,
  parseReviewContent,
  type Decision,
  type FindingDecision,
  type ReviewContent,
} from './validate';
export { isDiscordant } from './agreement';
export {
  readerFeedback,
  type ConfounderTally,
  type FindingTally,
  type ModelFeedback,
} from './feedback';
export {
  saliencyAudit,
  type SaliencyAudit,
  type SaliencyAuditModel,
  type SaliencyAuditOptions,
  type SaliencyAuditRow,
} from './saliency-audit';
export { triageTurnaround, type Turnaround, type TurnaroundGroup } from './turnaround';
export {
  MEASUREMENT_TOOLS,
  MAX_MEASUREMENTS,
  geometricValues,
  parseMeasurements,
  type Measurement,
  type MeasurementTool,
  type MeasurementValue,
} from './measurements';
export {
  screeningMonitoring,
  weekStart,
  type ModelMonitoring,
  type MonitoringWeek,
  type Proportion,
} from './monitoring';
