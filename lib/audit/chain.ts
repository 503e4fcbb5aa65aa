import { canonicalJson, canonicalTimestamp, sha256Hex, type CanonicalValue } from './canonical';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit event says: who did what to which subject, and details (never patient data). */
export interface AuditInput {
  action: string;
  actorId?: number | null;
  actorName?: string | null;
  subjectType?: string | null;
  subjectId?: string | number | null;
  details?: Record<string, CanonicalValue | undefined>;
}

/** The hashed fields of a stored event, as the AuditEvent row holds them. */
export interface AuditContent {
  seq: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** canonical JSON text */
  details: string;
}

/** SHA-256 of the canonical JSON of every field of the event except its hashes. */
export function contentHashOf(content: AuditContent): string {
  return sha256Hex(
    canonicalJson({
      seq: content.seq,
      at: canonicalTimestamp(content.at),
      actorId: content.actorId,
      actorName: content.actorName,
      action: content.action,
      subjectType: content.subjectType,
      subjectId: content.subjectId,
      details: content.details,
    }),
  );
}

/** The chain link: sha256(prevHash + contentHash), both as lower-case hex. */
export function chainHashOf(prevHash: string, contentHash: string): string {
  return sha256Hex(prevHash + contentHash);
}
