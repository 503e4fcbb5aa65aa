import { AiStatusCell } from '../worklist/AiStatusCell';
import type { WorklistStudy } from '../worklist/types';
import { StudyLink } from '../viewer/StudyLink';

/**
 * The patient's other studies in the store (priors and later ones), newest first, each with its
 * date, what it is, and its AI status: a link opens its own page, and Compare shows it beside the
 * reading of this one (pressed while it is shown). Below, another series of this study can be
 * shown beside it the same way (`s`).
 */
export function OtherStudies({
  studies,
  comparedId,
  onCompare,
  sideBySide,
  onSideBySide,
}: {
  studies: WorklistStudy[];
  comparedId: string | null;
  onCompare: (studyId: string | null) => void;
  /** Another series of this study is shown beside it. */
  sideBySide: boolean;
  onSideBySide: () => void;
}) {
  return (
    <section aria-labelledby="other-studies-heading" className="other-studies">
      <h3 id="other-studies-heading">Other studies of this patient</h3>
      {studies.length === 0 ? (
        <p className="muted">None in secondlook.</p>
      ) : (
        <table aria-labelledby="other-studies-heading">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Study</th>
              <th scope="col">AI</th>
              <th scope="col">
                <span className="sr-only">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr key={study.id} data-study-id={study.id}>
                <td>
                  <StudyLink studyId={study.id}>{study.studyDate ?? 'undated'}</StudyLink>
                </td>
                <td>
                  {study.modalities.join(', ')} {study.description}
                </td>
                <td>
                  <AiStatusCell ai={study.ai} />
                </td>
                <td>
                  <button
                    type="button"
                    aria-pressed={comparedId === study.id}
                    aria-label={`Compare with ${study.studyDate ?? 'undated'}`}
                    onClick={() => onCompare(comparedId === study.id ? null : study.id)}
                  >
                    Compare
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" aria-pressed={sideBySide} onClick={onSideBySide}>
          Series side by side
        </button>{' '}
        <span className="muted">another series of this study beside it (s)</span>
      </p>
    </section>
  );
}
