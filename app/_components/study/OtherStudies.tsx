import Link from 'next/link';
import { AiStatusCell } from '../worklist/AiStatusCell';
import type { WorklistStudy } from '../worklist/types';

/**
 * The patient's other studies in the store (priors and later ones), newest first, each with its
 * date, what it is, and its AI status, to open beside the reading of this one.
 */
export function OtherStudies({ studies }: { studies: WorklistStudy[] }) {
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
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr key={study.id} data-study-id={study.id}>
                <td>
                  <Link href={`/studies/${study.id}`}>{study.studyDate ?? 'undated'}</Link>
                </td>
                <td>
                  {study.modalities.join(', ')} {study.description}
                </td>
                <td>
                  <AiStatusCell ai={study.ai} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
