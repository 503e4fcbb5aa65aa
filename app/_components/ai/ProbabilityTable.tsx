import type { Finding } from '@/lib/inference';

/**
 * Calibrated probability per label, and each operating point's threshold and call: one small
 * table per label, so the panel's narrow column holds it without breaking words.
 */
export function ProbabilityTable({
  caption,
  probabilities,
  findings,
}: {
  caption: string;
  probabilities: Record<string, number>;
  findings: Finding[];
}) {
  return (
    <>
      {Object.entries(probabilities).map(([label, probability]) => (
        <table key={label} aria-label={`${caption} ${label}`} className="probability-table">
          <caption>
            {label}: p = <span data-testid={`${caption}-${label}`}>{probability.toFixed(3)}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Operating point</th>
              <th scope="col">Flags when</th>
              <th scope="col">Call</th>
            </tr>
          </thead>
          <tbody>
            {findings
              .filter((finding) => finding.label === label)
              .map((finding) => (
                <tr key={finding.operatingPoint} data-flagged={finding.flagged}>
                  <th scope="row">{finding.operatingPoint}</th>
                  <td>p ≥ {finding.threshold.toFixed(3)}</td>
                  <td>{finding.flagged ? 'flagged' : 'not flagged'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
