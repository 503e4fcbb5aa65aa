'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { confounderKinds, verdicts, type Verdict } from '@/app/_config/review';
import type { Measurement } from '@/lib/review';
import { ApiError, apiJson } from '../api-client';
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
 * with it. The review is kept as the reader's draft while they work (`draft`: the one saved
 * before, which it starts from), and signing signs that draft. With `amends` it is an amendment
 * of that (signed, immutable) review, starting from its verdicts and flag (and its measurements,
 * which the viewer shows) or from the draft amendment saved before. Discard deletes the draft:
 * back to the signed review, or to a blank one.
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
  onDiscarded,
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
  /** A review or amendment given up: told its draft's id (null when none was saved), now deleted. */
  onDiscarded: (draftId: number | null) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A review starts from the reader's draft, else an amendment from the review it amends: the
  // reader changes what changed, and a flag or verdict they leave alone is not dropped.
  const start = draft ?? amends;
  const [confounder, setConfounder] = useState((start?.confounders.length ?? 0) > 0);
  const verdictOf = (finding: string) =>
    start?.decisions.find((decision) => decision.finding === finding)?.decision;
  const saver = useDraft(studyId, csrfToken, draft, amends);
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
    // A draft follows the measurements and the flag too.
    const content = formRef.current ? contentOf(formRef.current) : null;
    if (content) schedule(content);
  }, [contentOf, schedule]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const content = contentOf(event.currentTarget);
    if (!content) return;
    setBusy(true);
    setError(null);
    try {
      const draftId = await saver.settle();
      onSigned(await signReview(studyId, content, ai, amends, csrfToken, draftId));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'the review could not be signed');
    } finally {
      setBusy(false);
    }
  }

  /** The draft, if one was saved, deleted: back to the signed review, or to a blank review. */
  async function discard() {
    setBusy(true);
    setError(null);
    try {
      const draftId = await saver.settle();
      if (draftId !== null) {
        await apiJson(`/api/reviews/${draftId}`, { method: 'DELETE', csrfToken });
      }
      onDiscarded(draftId);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'the draft could not be discarded');
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
        if (content) schedule(content);
      }}
    >
      {amends?.signedAt ? (
        <p data-testid="amending">
          Amending your review signed {new Date(amends.signedAt).toLocaleString()}: it stays in
          force until you sign the amendment.
        </p>
      ) : null}
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
          defaultValue={draft?.text ?? ''}
        />
      </label>
      <p role="status">{draftText(saver.draft)}</p>
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
      {amends || saver.draft.state !== 'none' ? (
        <button type="button" disabled={busy} onClick={() => void discard()}>
          {amends ? 'Discard amendment' : 'Discard draft'}
        </button>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
