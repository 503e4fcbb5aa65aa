'use client';

import { useState, type FormEvent } from 'react';
import { confounderKinds, verdicts, type Verdict } from '@/app/_config/review';
import type { Measurement } from '@/lib/review';
import { ApiError } from '../api-client';
import { signReview } from './sign-review';
import type { ReviewView, ShownAiResult } from './types';

/**
 * One review of the study: a verdict per model finding, the "saliency on a confounder" flag with
 * its kind, free text, the measurements on screen, and Sign. The AI result on screen is recorded
 * with it. With `amends` it signs an amendment of that (signed, immutable) review instead,
 * starting from its verdicts and flag (and its measurements, which the viewer shows).
 */
export function ReviewForm({
  studyId,
  labels,
  ai,
  amends,
  measurements,
  describe,
  csrfToken,
  onSigned,
}: {
  studyId: number;
  labels: string[];
  ai: ShownAiResult | null;
  amends: ReviewView | null;
  measurements: Measurement[];
  describe: (measurement: Measurement) => string;
  csrfToken: string;
  onSigned: (review: ReviewView) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An amendment starts from the review it amends: the reader changes what changed, and a flag
  // or verdict they leave alone is not dropped on the way.
  const [confounder, setConfounder] = useState((amends?.confounders.length ?? 0) > 0);
  const verdictOf = (finding: string) =>
    amends?.decisions.find((decision) => decision.finding === finding)?.decision;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const content = {
      decisions: labels.map((finding) => ({
        finding,
        decision: form.get(`verdict-${finding}`) as Verdict,
      })),
      confounders: confounder ? [String(form.get('confounder-kind'))] : [],
      text: String(form.get('comment') ?? ''),
      measurements,
    };
    setBusy(true);
    setError(null);
    try {
      onSigned(await signReview(studyId, content, ai, amends, csrfToken));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'the review could not be signed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="review-form stacked-form"
      aria-label={amends ? 'Amendment' : 'Review'}
      onSubmit={submit}
    >
      {labels.map((label) => (
        <fieldset key={label}>
          <legend>Finding: {label}</legend>
          {verdicts.map((verdict) => (
            <label key={verdict.value} className="inline">
              <input
                type="radio"
                name={`verdict-${label}`}
                value={verdict.value}
                defaultChecked={verdictOf(label) === verdict.value}
                required
              />
              {verdict.label}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="inline">
        <input
          type="checkbox"
          checked={confounder}
          onChange={(event) => setConfounder(event.target.checked)}
        />
        Saliency on a confounder
      </label>
      {confounder ? (
        <label>
          Confounder kind
          <select name="confounder-kind" required defaultValue={amends?.confounders[0] ?? ''}>
            <option value="" disabled>
              Choose…
            </option>
            {confounderKinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {amends ? 'Reason and comment' : 'Comment'}
        <textarea name="comment" rows={3} required={amends !== null} />
      </label>
      <section aria-label="Measurements to sign">
        <p>
          {measurements.length === 0
            ? 'No measurements: those drawn in the viewer are signed with the review.'
            : `Signed with ${measurements.length} measurement(s):`}
        </p>
        {measurements.length > 0 ? (
          <ul>
            {measurements.map((measurement, index) => (
              <li key={index}>{describe(measurement)}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <button type="submit" disabled={busy}>
        {amends ? 'Sign amendment' : 'Sign review'}
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
