/**
 * Persistence: the Prisma store (SQLite or PostgreSQL), content-addressed blobs, ingest,
 * studies, inferences, screening failures, the worklist (filtered, ordered and paged in the
 * database on each study's worklist keys) and leases between server processes. Reviews live in lib/review, the
 * audit trail in lib/audit, users and sessions in lib/auth.
 */
export { getStore, openStore, setStore, type Db, type Store } from './db';
export { describeStore, storeConfigFromEnv, type StoreConfig } from './config';
export { migrateDatabase } from './migrate';
export { backupStore, type BackupSummary } from './backup';
export { sha256Of } from './blobs';
export { importBytes, type ImportResult } from './ingest';
export { ingestLimits } from './limits';
export { acquireLease, leaseKeeper, releaseLease } from './leases';
export { findInChunks } from './chunks';
export { importPaths, summarise, type ImportSummary } from './import-files';
export {
  recordInference,
  seriesAwaitingInference,
  type InferenceInput,
  type InferenceView,
  type OutOfScopeReason,
} from './inferences';
export { recordScreeningFailure } from './screening-failures';
export { type WorklistItem } from './worklist';
export { SCREENING_STATUSES } from './ai-summary';
export {
  flaggedBacklog,
  listWorklist,
  nextUnread,
  parseWorklistQuery,
  type WorklistPage,
  type WorklistQuery,
} from './worklist-query';
export { refreshStaleWorklistKeys } from './worklist-keys';
export { readMissingMetadata } from './late-metadata';
export { getStudyDetail, instanceGeometry, readInstanceBytes } from './studies';
