import { DECISIONS, type ModelFeedback } from '@/lib/review';
import { StudyLink } from '../viewer/StudyLink';

const percent = (part: number, whole: number) =>
  whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;

/**
 * What readers said, per model version (auditors only: readers do not see each other's reads):
 * their decisions on each finding and the confounders they saw the saliency sit on, with the
 * studies to open.
 */
export function ReaderFeedbackView({ feedback }: { feedback: ModelFeedback[] }) {
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">What readers said</h2>
      <p>
        Signed reviews in force (an amended review counts through its amendment), by the model
        version whose result the reader saw.
      </p>
      {feedback.length === 0 ? <p>No signed reviews yet.</p> : null}
      {feedback.map((group) => {
        const name = group.model
          ? `${group.model.name} ${group.model.version}`
          : 'no model result recorded';
        return (
          <section key={name} aria-label={`Feedback on ${name}`} className="feedback-tables">
            <h3>{name}</h3>
            <p>
              {group.reviews} signed review{group.reviews === 1 ? '' : 's'}; {group.flaggedReviews}{' '}
              ({percent(group.flaggedReviews, group.reviews)}) flag the saliency on a confounder.
            </p>
            <table aria-label={`Decisions on ${name}`}>
              <thead>
                <tr>
                  <th scope="col">finding</th>
                  {DECISIONS.map((decision) => (
                    <th scope="col" key={decision}>
                      {decision}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {group.findings.map((tally) => (
                  <tr key={tally.finding}>
                    <th scope="row">{tally.finding}</th>
                    {DECISIONS.map((decision) => (
                      <td key={decision}>{tally.counts[decision]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {group.confounders.length > 0 ? (
              <table aria-label={`Confounders on ${name}`}>
                <thead>
                  <tr>
                    <th scope="col">confounder</th>
                    <th scope="col">reviews</th>
                    <th scope="col">studies</th>
                  </tr>
                </thead>
                <tbody>
                  {group.confounders.map((tally) => (
                    <tr key={tally.flag}>
                      <th scope="row">{tally.flag}</th>
                      <td>{tally.reviews}</td>
                      <td>
                        {tally.studyIds.map((id, index) => (
                          <span key={id}>
                            {index > 0 ? ', ' : ''}
                            <StudyLink studyId={id}>study {id}</StudyLink>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}
