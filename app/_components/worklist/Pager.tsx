import type { WorklistPage } from './api-types';

/** Which studies of how many the page shows, with the way to the pages before and after. */
export function Pager({ page, onTurn }: { page: WorklistPage; onTurn: (offset: number) => void }) {
  const last = Math.min(page.total, page.offset + page.studies.length);
  return (
    <nav className="pager" aria-label="Worklist pages">
      <span data-testid="worklist-range">
        Studies {page.offset + 1}–{last} of {page.total}
      </span>
      <button
        type="button"
        disabled={page.offset === 0}
        onClick={() => onTurn(Math.max(0, page.offset - page.limit))}
      >
        ‹ Previous
      </button>
      <button
        type="button"
        disabled={last >= page.total}
        onClick={() => onTurn(page.offset + page.limit)}
      >
        Next ›
      </button>
    </nav>
  );
}
