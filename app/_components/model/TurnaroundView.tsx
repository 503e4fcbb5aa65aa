import type { Turnaround, TurnaroundGroup } from '@/lib/review';
import { duration } from '../duration';

const ROWS: [keyof Omit<Turnaround, 'since'>, string][] = [
  ['flagged', 'Flagged by the AI'],
  ['notFlagged', 'Screened, not flagged'],
  ['notScored', 'Not scored (pending, failed, out of scope)'],
];

/**
 * Whether triage works (auditors): time from receipt to the first signed read of the last 30
 * days' studies, flagged against not flagged, and what still waits.
 */
export function TurnaroundView({ turnaround }: { turnaround: Turnaround }) {
  const row = (key: (typeof ROWS)[number][0], label: string) => {
    const group: TurnaroundGroup = turnaround[key];
    return (
      <tr key={key}>
        <th scope="row">{label}</th>
        <td>{group.studies}</td>
        <td>{group.read}</td>
        <td>{duration(group.medianMinutes)}</td>
        <td>{duration(group.p90Minutes)}</td>
        <td>{group.unread}</td>
        <td>{duration(group.oldestUnreadMinutes)}</td>
      </tr>
    );
  };
  return (
    <section aria-labelledby="turnaround-heading">
      <h2 id="turnaround-heading">Time to read</h2>
      <p>
        Studies received since {new Date(turnaround.since).toLocaleDateString()}: from receipt to
        the first signed read. A queue ordered by suspicion should read flagged studies sooner. A
        read study counts as the worklist showed it when first signed; an unread one as it shows it
        now.
      </p>
      <table aria-label="Time to read">
        <thead>
          <tr>
            <th scope="col">studies</th>
            <th scope="col">received</th>
            <th scope="col">read</th>
            <th scope="col">median</th>
            <th scope="col">90th percentile</th>
            <th scope="col">unread</th>
            <th scope="col">oldest unread</th>
          </tr>
        </thead>
        <tbody>{ROWS.map(([key, label]) => row(key, label))}</tbody>
      </table>
    </section>
  );
}
