import { useState } from 'react';
import type { ElementRow } from '@/lib/dicom';
import { filterRows } from './tag-filter';
import { useInstanceJson } from './use-instance-json';

interface Listing {
  instanceId: number;
  transferSyntaxUID: string;
  truncated: boolean;
  rows: ElementRow[];
}

/**
 * Every element of the instance on screen (`t`), as `GET /api/instances/:id/tags` lists it: the
 * file meta, then the dataset, each sequence's items indented below it, with a filter by tag,
 * keyword, value or private creator. It follows the image: scrolling to another instance reads
 * that one's.
 */
export function TagBrowser({
  instanceId,
  title,
  onClose,
}: {
  instanceId: string;
  title: string;
  onClose: () => void;
}) {
  const answer = useInstanceJson<Listing>(instanceId, 'tags');
  const [query, setQuery] = useState('');
  const listing = answer && 'value' in answer ? answer.value : null;
  const shown = listing ? filterRows(listing.rows, query) : [];

  return (
    <section className="tag-browser" role="dialog" aria-label="DICOM tags">
      <h2>
        DICOM tags <small>{title}</small>
      </h2>
      <input
        type="search"
        aria-label="Filter tags"
        placeholder="Tag, keyword, value or private creator"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {answer === null ? <p>Reading the file…</p> : null}
      {answer && 'failure' in answer ? <p role="alert">{answer.failure}</p> : null}
      {listing ? (
        <>
          <p className="tag-count" aria-live="polite">
            {shown.length} of {listing.rows.length} rows
            {listing.truncated ? ' (the file has more: the first 20,000 are listed)' : ''}
          </p>
          <div className="tag-table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">VR</th>
                  <th scope="col">Keyword</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.index} data-depth={row.depth}>
                    <td style={{ paddingLeft: `${0.25 + row.depth * 0.75}rem` }}>{row.tag}</td>
                    <td>{row.vr}</td>
                    <td>{row.creator ? `${row.keyword} (${row.creator})` : row.keyword}</td>
                    <td>{row.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
