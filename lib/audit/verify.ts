import type { Db } from '../store/db';
import { chainHashOf, contentHashOf, GENESIS_HASH } from './chain';

interface BrokenEvent {
  /** seq of the first event that does not verify (for a truncated tail: the first missing seq) */
  seq: number;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  /** events read */
  events: number;
  firstBadEvent: BrokenEvent | null;
  /** hash of the last event: keep it outside the database to detect a cut-off tail later */
  headHash: string;
}

const BATCH = 5_000;

/**
 * Walks the audit chain in seq order and names the first event that breaks it: an edited row
 * (its content no longer hashes to contentHash, or its hash to the link), a deleted row (a gap
 * in seq, or a prevHash that is not the previous row's hash), a reordered row (seq is part of
 * the hashed content) or a removed tail (the chain ends before the AuditHead row says it does).
 */
export async function verifyAuditChain(db: Db): Promise<VerifyReport> {
  let events = 0;
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: prevSeq } },
      orderBy: { seq: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      events += 1;
      const fail = (reason: string): VerifyReport => ({
        ok: false,
        events,
        firstBadEvent: { seq: row.seq, reason },
        headHash: prevHash,
      });
      if (row.seq !== prevSeq + 1) return fail(`event ${prevSeq + 1} is missing`);
      if (row.prevHash !== prevHash) return fail('prevHash is not the hash of the previous event');
      if (contentHashOf(row) !== row.contentHash) return fail('content does not match its hash');
      if (chainHashOf(row.prevHash, row.contentHash) !== row.hash)
        return fail('hash is not the chain link');
      prevSeq = row.seq;
      prevHash = row.hash;
    }
    if (rows.length < BATCH) break;
  }
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  if (!head || head.seq !== prevSeq || head.hash !== prevHash) {
    return {
      ok: false,
      events,
      firstBadEvent: {
        seq: prevSeq + 1,
        reason: `the chain ends at event ${prevSeq} but the head says ${head?.seq ?? 'nothing'}`,
      },
      headHash: prevHash,
    };
  }
  return { ok: true, events, firstBadEvent: null, headHash: prevHash };
}
