import type { PacsStatus } from '@/lib/pacs';

/**
 * Where studies arrive from besides uploads: the PACS this server process polls (from
 * SECONDLOOK_PACS_* settings), which results and reviews it sends there, and how its last poll went, so an
 * admin sees a broken link without reading the server's log.
 */
export function PacsStatusView({ status }: { status: PacsStatus | null }) {
  if (!status) {
    return (
      <section aria-labelledby="pacs-heading">
        <h2 id="pacs-heading">From a PACS</h2>
        <p>
          This server polls no PACS. Set <code>SECONDLOOK_PACS_URL</code> (a DICOMweb root) to pull
          new studies in the background.
        </p>
      </section>
    );
  }
  const last = status.lastPoll;
  return (
    <section aria-labelledby="pacs-heading">
      <h2 id="pacs-heading">From a PACS</h2>
      <p>
        This server polls <code>{status.url}</code> every {Math.round(status.everyMs / 1000)} s for{' '}
        {status.modalities.length > 0 ? status.modalities.join(', ') : 'every modality'}, studies
        dated{' '}
        {status.lookbackDays === null
          ? 'any day'
          : `within the last ${status.lookbackDays} day${status.lookbackDays === 1 ? '' : 's'}`}
        .{' '}
        {status.sendResults === 'off'
          ? 'It sends no results back (SECONDLOOK_PACS_SEND).'
          : `It sends ${status.sendResults === 'all' ? 'every screening result' : 'the flagged screening results'} back into their studies as Secondary Captures with structured reports.`}{' '}
        {status.sendReviews
          ? 'It sends every signed review into its study as a structured report verified by its reader.'
          : 'It sends no reviews (SECONDLOOK_PACS_SEND_REVIEWS).'}
      </p>
      <p role="status" data-testid="pacs-last-poll">
        {status.standby
          ? 'Another server process on this database polls the PACS now; this one stands by and takes over when that one stops.'
          : last === null
            ? 'No poll has finished yet.'
            : last.error
              ? `The last poll (${last.finishedAt}) failed: ${last.error.code}: ${last.error.message}`
              : `The last poll (${last.finishedAt}) found ${last.studies} studies and stored ${last.stored} instances; ${last.failed} failed${last.failureCodes.length > 0 ? ` (${last.failureCodes.join(', ')})` : ''}${last.heldBack > 0 ? `; ${last.heldBack} that failed before wait for their next try` : ''}${status.sendResults === 'off' ? '' : `; ${last.sent} results sent, ${last.sendFailed} failed`}${status.sendReviews ? `; ${last.reviewsSent} reviews sent, ${last.reviewsFailed} failed` : ''}.`}
      </p>
    </section>
  );
}
