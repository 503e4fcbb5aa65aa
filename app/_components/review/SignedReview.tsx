import type { ReactNode } from 'react';
import { confounderKinds, verdicts } from '@/app/_config/review';
import type { Measurement } from '@/lib/review';
import type { ReviewView } from './types';

function labelOf(options: readonly { value: string; label: string }[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? value;
}

/** A signed review, read-only: verdicts, confounder flag, text and measurements. */
export function SignedReview({
  review,
  describe,
  children,
}: {
  review: ReviewView;
  describe: (measurement: Measurement) => string;
  /** Controls shown under the review (an auditor's "Show measurements"). */
  children?: ReactNode;
}) {
  return (
    <article className="signed-review" aria-label={`Review ${review.id}`}>
      <p>
        Signed by {review.reader.username}
        {review.signedAt ? ` at ${new Date(review.signedAt).toLocaleString()}` : ''}
        {review.amendsId ? ` (amends review ${review.amendsId})` : ''}
        {review.amendedById ? `; amended by review ${review.amendedById}` : ''}
      </p>
      {review.sentToPacs ? (
        <p className="muted">
          In the PACS as a structured report since {new Date(review.sentToPacs).toLocaleString()}
        </p>
      ) : null}
      <ul>
        {review.decisions.map((decision) => (
          <li key={decision.finding}>
            {decision.finding}: {labelOf(verdicts, decision.decision)}
          </li>
        ))}
      </ul>
      {review.confounders.length > 0 ? (
        <p>
          Saliency on a confounder:{' '}
          {review.confounders.map((kind) => labelOf(confounderKinds, kind)).join(', ')}
        </p>
      ) : null}
      {review.text ? <p>{review.text}</p> : null}
      {review.measurements.length > 0 ? (
        <ul aria-label="Signed measurements">
          {review.measurements.map((measurement, index) => (
            <li key={index}>{describe(measurement)}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}
