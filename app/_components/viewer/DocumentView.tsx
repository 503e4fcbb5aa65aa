'use client';

import { useEffect, useState } from 'react';
import { ApiError, apiBlob } from '../api-client';

/** The document's object URL while it is shown, or why it could not be read. */
type DocumentAnswer = { url: string } | { failure: string };

/**
 * The PDF stored as one instance (`GET /api/instances/:id/document`), as an object URL of this
 * page's, so the browser's own PDF viewer shows it and the route itself is never a page; the URL
 * is revoked when it goes.
 */
function useDocumentUrl(instanceId: string): DocumentAnswer | null {
  const [read, setRead] = useState<({ instanceId: string } & DocumentAnswer) | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    apiBlob(`/api/instances/${instanceId}/document`, 'application/pdf', {
      signal: controller.signal,
    }).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setRead({ instanceId, url });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
        setRead({ instanceId, failure });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [instanceId]);
  return read?.instanceId === instanceId ? read : null;
}

function PdfDocument({ instanceId, number }: { instanceId: string; number: number }) {
  const answer = useDocumentUrl(instanceId);
  if (answer === null) return <p>Reading the document…</p>;
  if ('failure' in answer) return <p role="alert">{answer.failure}</p>;
  return (
    <article className="document" aria-label={`Document ${number}`}>
      <iframe src={answer.url} title={`Document ${number}`} />
      <a href={answer.url} download={`document-${instanceId}.pdf`}>
        Save the PDF
      </a>
    </article>
  );
}

/**
 * A series of PDF documents (a scanned requisition, an outside report), each shown where the
 * images would be by the browser's PDF viewer, with a link to save it.
 */
export function DocumentView({ instanceIds }: { instanceIds: string[] }) {
  return (
    <section className="report-view document-view" aria-label="Documents">
      {instanceIds.map((instanceId, k) => (
        <PdfDocument key={instanceId} instanceId={instanceId} number={k + 1} />
      ))}
    </section>
  );
}
