/**
 * Queries over long lists of keys, a chunk at a time. Prisma allows SQLite 999 bound parameters
 * in one statement; it splits a lone `in` list itself, but not one beside other conditions or
 * inside a relation filter ("The query parameter limit supported by your database is exceeded",
 * measured on both databases), and a PACS's study listing or a year of reviewed studies has more.
 */
const KEYS_PER_QUERY = 500;

/** `find` over `keys` in chunks, the rows of all of them together. */
export async function findInChunks<K, T>(
  keys: readonly K[],
  find: (chunk: K[]) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let at = 0; at < keys.length; at += KEYS_PER_QUERY) {
    rows.push(...(await find(keys.slice(at, at + KEYS_PER_QUERY))));
  }
  return rows;
}
