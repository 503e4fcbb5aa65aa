/**
 * The studies a PACS poll found with nothing more to pull, kept in the database
 * (PacsSettledStudy) with the PACS's instance count then: while the count stays, the next poll
 * does not list the study's instances again. A study with other modalities than the polled ones is
 * never whole in the store, and would otherwise cost the PACS an instance search at every poll;
 * kept in memory, it cost one per study of the look-back window after every restart and at every
 * change of the lease's holder. A study is settled for one set of modalities: polling others
 * (a changed SECONDLOOK_PACS_MODALITIES) lists it again. A poll with a look-back window forgets
 * the studies dated before it (undated ones: settled before it), for every set of modalities:
 * the window never lists them again, so the table holds about one window of studies.
 */
import { findInChunks, type Db } from '../store';

export interface SettledStudies {
  /** The instance counts at which these studies were settled (those that were). */
  of(studyInstanceUIDs: readonly string[]): Promise<Map<string, number>>;
  /** Settles a study at the PACS's instance count, with its Study Date (YYYYMMDD) where it has one. */
  settle(studyInstanceUID: string, instances: number, studyDate: string | null): Promise<void>;
  /** Forgets the studies dated before `studyDateFrom` (YYYYMMDD), undated ones settled before it; how many. */
  forgetBefore(studyDateFrom: string): Promise<number>;
}

/** The first moment of a DICOM date (UTC). */
function startOf(date: string): Date {
  return new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))),
  );
}

/** The modalities a study is settled for, as one key: sorted, `*` for every modality. */
function modalityScope(modalities: readonly string[]): string {
  return modalities.length === 0 ? '*' : [...new Set(modalities)].sort().join('\\');
}

export function settledStudies(db: Db, modalities: readonly string[]): SettledStudies {
  const scope = modalityScope(modalities);
  return {
    async of(studyInstanceUIDs) {
      // A look-back lists thousands of studies: more keys than one statement may bind.
      const rows = await findInChunks(studyInstanceUIDs, (chunk) =>
        db.pacsSettledStudy.findMany({
          where: { scope, studyInstanceUID: { in: chunk } },
          select: { studyInstanceUID: true, instances: true },
        }),
      );
      return new Map(rows.map((row) => [row.studyInstanceUID, row.instances]));
    },
    async settle(studyInstanceUID, instances, studyDate) {
      const settledAt = new Date();
      await db.pacsSettledStudy.upsert({
        where: { scope_studyInstanceUID: { scope, studyInstanceUID } },
        create: { scope, studyInstanceUID, instances, settledAt, studyDate },
        update: { instances, settledAt, studyDate },
      });
    },
    async forgetBefore(studyDateFrom) {
      const { count } = await db.pacsSettledStudy.deleteMany({
        where: {
          OR: [
            { studyDate: { lt: studyDateFrom } },
            { studyDate: null, settledAt: { lt: startOf(studyDateFrom) } },
          ],
        },
      });
      return count;
    },
  };
}
