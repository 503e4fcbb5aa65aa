/** The tamper-evident audit trail: append (in the caller's transaction), verify, query, export. */
export { audited, appendAuditEvent } from './append';
export { canonicalJson, sha256Hex, type CanonicalValue } from './canonical';
export { chainHashOf, contentHashOf } from './chain';
export { verifyAuditChain } from './verify';
export { auditWhere, parseAuditFilter } from './query';
export { exportAuditEvents, parseExportFormat } from './export';
