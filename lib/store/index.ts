/**
 * Persistence: the Prisma store (SQLite or PostgreSQL), content-addressed blobs, ingest,
 * studies, inferences, screening failures, the worklist (filtered, ordered and paged in the
 * database on each study's worklist keys) and leases between server processes. Reviews live in lib/review, the
 * audit trail in lib/audit, users and sessions in lib/auth.
 */
export { getDb, getStore, openStore, setStore, type Db, type Store, type Tx } from './db';
export { describeStore, storeConfigFromEnv, type StoreConfig } from './config';
export { migrateDatabase } from './migrate';
export { backupStore, type BackupSummary } from './backup';
export { blobPathOf, sha256Of, storeBlob, type StoredBlob } from './blobs';
export { importBytes, type ImportResult, type ImportStatus } from './ingest';
export { ingestLimits, type IngestLimits } from './limits';
export { acquireLease, leaseKeeper, releaseLease } from './leases';
export { findInChunks } from './chunks';
export { importPaths, listImportFiles, summarise, type ImportSummary } from './import-files';
export {
  recordInference,
  seriesAwaitingInference,
  toInferenceView,
  type InferenceInput,
  type InferenceView,
  type OutOfScopeReason,
} from './inferences';
export {
  recordScreeningFailure,
  type ScreeningFailureInput,
  type ScreeningFailureView,
} from './screening-failures';
export { reviewSummary, type WorklistItem } from './worklist';
export { SCREENING_STATUSES, type AiSummary, type ScreeningStatus } from './ai-summary';
export {
  listWorklist,
  nextUnread,
  parseWorklistQuery,
  type ReviewFilter,
  type WorklistPage,
  type WorklistQuery,
} from './worklist-query';
export { refreshStaleWorklistKeys, searchableText } from './worklist-keys';
export {
  getStudyDetail,
  readInstanceBytes,
  toInstanceView,
  type InstanceView,
  type StudyDetail,
} from './studies';
