'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { confounderKinds, verdicts, type Verdict } from '@/app/_config/review';
import type { Measurement } from '@/lib/review';
import { ApiError } from '../api-client';
import { signReview, type ReviewContent } from './sign-review';
import type { ReviewView, ShownAiResult } from './types';
import { useDraft, type DraftState } from './use-draft';

function draftText(draft: DraftState): string | null {
  if (draft.state === 'restored') return 'Your draft is back as you left it.';
  if (draft.state === 'saving') return 'Saving the draft…';
  if (draft.state === 'saved') return `Draft saved at ${new Date(draft.at).toLocaleTimeString()}`;
  if (draft.state === 'failed') return `The draft could not be saved: ${draft.message}`;
  return null;
}

/**
 * One review of the study: a verdict per model finding, the "saliency on a confounder" flag with
 * its kind, free text, the measurements on screen, and Sign. The AI result on screen is recorded
 * with it. A new review is kept as the reader's draft while they work (`draft`: the one saved
 * before, which it starts from), and signing signs that draft. With `amends` it signs an
 * amendment of that (signed, immutable) review instead, starting from its verdicts and flag (and
 * its measurements, which the viewer shows).
 */
export function ReviewForm({
  studyId,
  labels,
  ai,
  amends,
  draft,
  measurements,
  measuring,
  describe,
  csrfToken,
  onSigned,
}: {
  studyId: number;
  labels: string[];
  ai: ShownAiResult | null;
  amends: ReviewView | null;
  draft: ReviewView | null;
  /** Null until the viewer has drawn the draft's or amended review's measurements again. */
  measurements: Measurement[] | null;
  /** A measurement just moved waits for its values (up to 100 ms): the form neither signs nor saves. */
  measuring: boolean;
  describe: (measurement: Measurement) => string;
  csrfToken: string;
  onSigned: (review: ReviewView) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An amendment starts from the review it amends, a new review from the reader's draft: the
  // reader changes what changed, and a flag or verdict they leave alone is not dropped.
  const start = amends ?? draft;
  const [confounder, setConfounder] = useState((start?.confounders.length ?? 0) > 0);
  const verdictOf = (finding: string) =>
    start?.decisions.find((decision) => decision.finding === finding)?.decision;
  const saver = useDraft(studyId, csrfToken, amends ? null : draft);
  const formRef = useRef<HTMLFormElement>(null);

  // The labels arrive as a new list at each render: their names are what matters.
  const labelKey = labels.join('\u0000');
  /** What the form holds now (for a draft, only the verdicts given so far); null until known. */
  const contentOf = useCallback(
    (form: HTMLFormElement): ReviewContent | null => {
      if (measurements === null || measuring) return null;
      const data = new FormData(form);
      const kind = data.get('confounder-kind');
      return {
        decisions: (labelKey ? labelKey.split('\u0000') : []).flatMap((finding) => {
          const decision = data.get(`verdict-${finding}`);
          return decision ? [{ finding, decision: decision as Verdict }] : [];
        }),
        confounders: confounder && kind ? [String(kind)] : [],
        text: String(data.get('comment') ?? ''),
        measurements,
      };
    },
    [labelKey, confounder, measurements, measuring],
  );

  const { schedule } = saver;
  useEffect(() => {
    // A draft follows the measurements and the flag too (an amendment is signed at once).
    const content = formRef.current ? contentOf(formRef.current) : null;
    if (!amends && content) schedule(content);
  }, [contentOf, amends, schedule]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const content = contentOf(event.currentTarget);
    if (!content) return;
    setBusy(true);
    setError(null);
    try {
      const draftId = amends ? null : await saver.settle();
      onSigned(await signReview(studyId, content, ai, amends, csrfToken, draftId));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'the review could not be signed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="review-form stacked-form"
      aria-label={amends ? 'Amendment' : 'Review'}
      onSubmit={submit}
      onChange={(event) => {
        const content = contentOf(event.currentTarget);
        if (!amends && content) schedule(content);
      }}
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
          <select name="confounder-kind" required defaultValue={start?.confounders[0] ?? ''}>
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
        <textarea
          name="comment"
          rows={3}
          required={amends !== null}
          defaultValue={amends ? '' : (draft?.text ?? '')}
        />
      </label>
      {amends ? null : <p role="status">{draftText(saver.draft)}</p>}
      <section aria-label="Measurements to sign">
        <p>
          {measurements === null
            ? 'Drawing the measurements again…'
            : measurements.length === 0
              ? 'No measurements: those drawn in the viewer are signed with the review.'
              : `Signed with ${measurements.length} measurement(s):`}
        </p>
        {measurements !== null && measurements.length > 0 ? (
          <ul>
            {measurements.map((measurement, index) => (
              <li key={index}>{describe(measurement)}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <button type="submit" disabled={busy || measurements === null || measuring}>
        {amends ? 'Sign amendment' : 'Sign review'}
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
