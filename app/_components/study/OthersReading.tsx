/**
 * Other readers reading this study now (an unsigned draft each, and since when), so that two
 * readers know they read the same study. What a draft says is never shown: each read stays its
 * reader's own.
 */
export function OthersReading({ drafts }: { drafts: { reader: string; since: string }[] }) {
  if (drafts.length === 0) return null;
  const who = drafts
    .map((draft) => `${draft.reader} (since ${new Date(draft.since).toLocaleString()})`)
    .join(', ');
  return (
    <p role="note" className="others-reading" data-testid="others-reading">
      Also reading this study, unsigned: {who}.
    </p>
  );
}
