import type { ModelMonitoring, Proportion } from '@/lib/review';

function share({ count, of, outOfControl, limits }: Proportion) {
  if (of === 0) return <td>–</td>;
  const text = `${count} of ${of} (${Math.round((100 * count) / of)}%)`;
  const range = limits
    ? `control limits ${Math.round(100 * limits.lower)}-${Math.round(100 * limits.upper)}%`
    : 'no other week to compare with';
  return outOfControl ? (
    <td className="out-of-control" title={range}>
      {text} ⚠ outside the {range}
    </td>
  ) : (
    <td title={range}>{text}</td>
  );
}

/**
 * Screening over time (auditors): per model version and week, the series scored and refused, the
 * share flagged, the mean top probability, and the signed reads with the share that disagree; a
 * share outside its p-chart limits (three standard errors around the other weeks) is marked.
 */
export function MonitoringView({ monitoring }: { monitoring: ModelMonitoring[] }) {
  return (
    <section aria-labelledby="monitoring-heading">
      <h2 id="monitoring-heading">Screening over time</h2>
      <p>
        The last 12 weeks (UTC, from Monday), per model version: what the screening worker scored
        and refused, what it flagged, and how often signed reads of its results disagree. A week
        whose flagged or disagreeing share lies more than three standard errors from the other
        weeks&apos; pooled share is marked: a changed population, scanner or input path looks like
        that.
      </p>
      {monitoring.length === 0 ? <p>Nothing screened in these weeks.</p> : null}
      {monitoring.map(({ model, weeks }) => {
        const name = `${model.name} ${model.version}`;
        return (
          <table key={name} aria-label={`Screening over time of ${name}`}>
            <caption>{name}</caption>
            <thead>
              <tr>
                <th scope="col">week of</th>
                <th scope="col">scored</th>
                <th scope="col">refused</th>
                <th scope="col">flagged</th>
                <th scope="col">mean top probability</th>
                <th scope="col">reads disagreeing</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.week}>
                  <th scope="row">{week.week}</th>
                  <td>{week.scored}</td>
                  <td>{week.outOfScope}</td>
                  {share(week.flagged)}
                  <td>
                    {week.meanTopProbability === null ? '–' : week.meanTopProbability.toFixed(3)}
                  </td>
                  {share(week.discordant)}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
