import type { Finding } from '@/lib/inference';

/** Calibrated probability per label, with each operating point's threshold and verdict. */
export function ProbabilityTable({
  caption,
  probabilities,
  findings,
}: {
  caption: string;
  probabilities: Record<string, number>;
  findings: Finding[];
}) {
  const points = [...new Set(findings.map((finding) => finding.operatingPoint))];
  return (
    <table aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Probability</th>
          {points.map((point) => (
            <th scope="col" key={point}>
              {point}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Object.entries(probabilities).map(([label, probability]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td data-testid={`${caption}-${label}`}>{probability.toFixed(6)}</td>
            {points.map((point) => {
              const finding = findings.find((f) => f.label === label && f.operatingPoint === point);
              return (
                <td key={point}>
                  {finding
                    ? `${finding.flagged ? 'flagged' : 'not flagged'} (≥ ${finding.threshold.toFixed(3)})`
                    : '–'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
