import type { PresentationState } from '@/lib/dicom';
import { formatPersonName } from '@/lib/dicom/person-name';
import { dicomDateTime } from './dicom-date-time';
import { useInstanceJson } from './use-instance-json';

/** A presentation state as the route answers it: with the instances of its study it applies to. */
export type StoredPresentation = PresentationState & {
  instanceId: number;
  stored: Record<string, number>;
};

/** What the state does to its images, in words. */
function effects(state: PresentationState): string[] {
  const windows = state.windows.map(
    (window) =>
      `window W ${window.width} L ${window.center}${window.fn === 'LINEAR' ? '' : ` (${window.fn})`}`,
  );
  const texts = state.annotations.reduce((sum, annotation) => sum + annotation.texts.length, 0);
  const graphics = state.annotations.reduce((sum, a) => sum + a.graphics.length, 0);
  return [
    ...windows,
    state.lutShape === 'INVERSE' ? 'low values white' : '',
    state.rotation ? `rotated ${state.rotation}° clockwise` : '',
    state.flip ? 'flipped left to right' : '',
    texts ? `${texts} text${texts > 1 ? 's' : ''}` : '',
    graphics ? `${graphics} graphic${graphics > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
}

function StateItem({
  instanceId,
  applied,
  onApply,
}: {
  instanceId: string;
  applied: number | null;
  onApply: (state: StoredPresentation) => void;
}) {
  const answer = useInstanceJson<StoredPresentation>(instanceId, 'presentation');
  if (answer === null) return <p>Reading the presentation state…</p>;
  if ('failure' in answer) return <p role="alert">{answer.failure}</p>;
  const state = answer.value;
  const title = state.label || 'Presentation state';
  const here = state.images.filter((image) => state.stored[image.sopInstanceUID] !== undefined);
  const by = [
    formatPersonName(state.creator),
    dicomDateTime(state.creationDate, state.creationTime),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <article aria-label={`Presentation state: ${title}`}>
      <h2>{title}</h2>
      {state.description ? <p>{state.description}</p> : null}
      {by ? <p className="muted">By {by}</p> : null}
      <p>
        {here.length} of its {state.images.length} image{state.images.length === 1 ? '' : 's'} in
        this study{effects(state).length > 0 ? `: ${effects(state).join(', ')}` : ''}.
      </p>
      {state.notApplied.length > 0 ? (
        <p className="muted">Not applied here: {state.notApplied.join(', ')}.</p>
      ) : null}
      <button
        type="button"
        disabled={here.length === 0 || applied === state.instanceId}
        onClick={() => onApply(state)}
      >
        {applied === state.instanceId ? 'Shown' : 'Show the images so'}
      </button>
    </article>
  );
}

/**
 * A series of grayscale presentation states (a prior reader's window, rotation and annotations),
 * listed where the images would be: what each does, and a button that shows its images so.
 */
export function PresentationView({
  instanceIds,
  applied,
  onApply,
}: {
  instanceIds: string[];
  /** The instance id of the state the viewer shows images through, if any. */
  applied: number | null;
  onApply: (state: StoredPresentation) => void;
}) {
  return (
    <section className="report-view" aria-label="Presentation states">
      {instanceIds.map((instanceId) => (
        <StateItem key={instanceId} instanceId={instanceId} applied={applied} onApply={onApply} />
      ))}
    </section>
  );
}
