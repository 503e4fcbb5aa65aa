/** The tamper-evident audit trail: append (in the caller's transaction), verify, query, export. */
export { audited, appendAuditEvent, AUDITED_TRANSACTION } from './append';
export { canonicalJson, canonicalTimestamp, sha256Hex, type CanonicalValue } from './canonical';
export {
  chainHashOf,
  contentHashOf,
  GENESIS_HASH,
  type AuditContent,
  type AuditInput,
} from './chain';
export { verifyAuditChain, type BrokenEvent, type VerifyReport } from './verify';
export { auditWhere, parseAuditFilter, type AuditFilter } from './query';
export {
  exportAuditEvents,
  parseExportFormat,
  type AuditExport,
  type ExportFormat,
  type ExportRequest,
} from './export';
