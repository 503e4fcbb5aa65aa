import { findInChunks, type Store } from '@/lib/store';

/**
 * Of the instances an object references (a report's images, a presentation state's), those its
 * own study holds: SOP Instance UID -> instance id, for the viewer to go to or draw on.
 */
export async function storedReferences(
  store: Store,
  instanceId: number,
  uids: readonly string[],
): Promise<Record<string, number>> {
  const referencing = await store.db.instance.findUnique({
    where: { id: instanceId },
    select: { series: { select: { studyId: true } } },
  });
  const found = await findInChunks([...new Set(uids)], (chunk) =>
    store.db.instance.findMany({
      where: {
        sopInstanceUID: { in: chunk },
        series: { studyId: referencing?.series.studyId ?? -1 },
      },
      select: { id: true, sopInstanceUID: true },
    }),
  );
  return Object.fromEntries(found.map((row) => [row.sopInstanceUID, row.id]));
}
