import type { ElementRow } from '@/lib/dicom';

/** A row of the tag browser with its place in the file's full list (a stable React key). */
export interface ShownRow extends ElementRow {
  index: number;
}

const bare = (text: string) => text.toLowerCase().replace(/[(),\s]/g, '');

function matches(row: ElementRow, query: string): boolean {
  const lower = query.toLowerCase();
  return (
    bare(row.tag).includes(bare(query)) ||
    row.keyword.toLowerCase().includes(lower) ||
    row.value.toLowerCase().includes(lower) ||
    (row.creator ?? '').toLowerCase().includes(lower)
  );
}

/**
 * The rows a filter leaves: those whose tag (`0010,0010`, `00100010`), keyword, private creator or
 * value has the query in it, case aside, each with the sequences and items it is nested in, so a
 * nested match is seen where it is. Every row for an empty query.
 */
export function filterRows(rows: readonly ElementRow[], query: string): ShownRow[] {
  const wanted = query.trim();
  if (wanted === '') return rows.map((row, index) => ({ ...row, index }));
  const keep = new Set<number>();
  const around: number[] = [];
  rows.forEach((row, index) => {
    around.length = row.depth;
    if (matches(row, wanted)) for (const at of [...around, index]) keep.add(at);
    around[row.depth] = index;
  });
  return [...keep].sort((a, b) => a - b).map((index) => ({ ...rows[index]!, index }));
}
