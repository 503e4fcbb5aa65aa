import type { Db, Tx } from '../store/db';
import { canonicalJson } from './canonical';
import { chainHashOf, contentHashOf, type AuditContent, type AuditInput } from './chain';

/** Interactive transactions wait for the audit head under load instead of failing early. */
const AUDITED_TRANSACTION = { maxWait: 30_000, timeout: 60_000 } as const;

/**
 * Runs `work` and appends the audit event it returns (none for `null`: nothing changed) in ONE
 * transaction: the change and its record commit together or not at all. The AuditHead row is
 * locked first (an UPDATE), which serialises appenders on both databases and makes SQLite take
 * its write lock up front.
 */
export async function audited<T>(
  db: Db,
  work: (tx: Tx) => Promise<{ result: T; event: AuditInput | null }>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    // A no-op UPDATE: it changes nothing but holds the row lock until commit.
    const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
    const { result, event } = await work(tx);
    if (event) await writeEvent(tx, head.seq + 1, head.hash, event);
    return result;
  }, AUDITED_TRANSACTION);
}

/** Appends one event on its own (for events that record no other change, like a login). */
export async function appendAuditEvent(db: Db, event: AuditInput): Promise<void> {
  await audited(db, async () => ({ result: undefined, event }));
}

async function writeEvent(tx: Tx, seq: number, prevHash: string, input: AuditInput) {
  const content: AuditContent = {
    seq,
    at: new Date(),
    actorId: input.actorId ?? null,
    actorName: input.actorName ?? null,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId:
      input.subjectId === undefined || input.subjectId === null ? null : String(input.subjectId),
    details: canonicalJson(input.details ?? {}),
  };
  const contentHash = contentHashOf(content);
  const hash = chainHashOf(prevHash, contentHash);
  await tx.auditEvent.create({ data: { ...content, contentHash, prevHash, hash } });
  await tx.auditHead.update({ where: { id: 1 }, data: { seq, hash } });
}
