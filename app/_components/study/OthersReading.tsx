/**
 * Other readers' unsigned drafts of this study: those signed in now are reading it (since when
 * each started), so two readers know they read the same study; the others left a draft and are
 * not signed in, which says no one else is reading it now. What a draft says is never shown:
 * each read stays its reader's own.
 */
type Draft = { reader: string; since: string; signedIn: boolean };

const named = (drafts: Draft[]) =>
  drafts
    .map((draft) => `${draft.reader} (since ${new Date(draft.since).toLocaleString()})`)
    .join(', ');

export function OthersReading({ drafts }: { drafts: Draft[] }) {
  const reading = drafts.filter((draft) => draft.signedIn);
  const left = drafts.filter((draft) => !draft.signedIn);
  if (drafts.length === 0) return null;
  return (
    <p role="note" className="others-reading" data-testid="others-reading">
      {reading.length > 0 ? `Also reading this study, unsigned: ${named(reading)}.` : null}
      {reading.length > 0 && left.length > 0 ? ' ' : null}
      {left.length > 0
        ? `Unsigned ${left.length === 1 ? 'draft' : 'drafts'} left by ${named(left)}: not signed in now.`
        : null}
    </p>
  );
}
