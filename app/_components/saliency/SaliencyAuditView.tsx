import Link from 'next/link';
import { formatPersonName } from '@/lib/dicom/person-name';
import type { SaliencyAudit, SaliencyAuditModel, SaliencyAuditRow } from '@/lib/review';
import { StudyLink } from '../viewer/StudyLink';

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(100 * value).toFixed(1)}%`;

const flagText = { border: 'on the border', 'outside-body': 'outside the body' } as const;

function ModelSummary({ group }: { group: SaliencyAuditModel }) {
  const name = `${group.model.name} ${group.model.version}`;
  return (
    <section aria-label={`Saliency on ${name}`}>
      <h3>{name}</h3>
      <p>
        {group.scored} scored, {group.positive} positive call{group.positive === 1 ? '' : 's'},{' '}
        {group.judged} with a map; flagged: {group.flagged.any} ({group.flagged.border} on the
        border, {group.flagged.outsideBody} outside the body). Median over judged maps: border{' '}
        {percent(group.median?.borderMass)}, outside the body{' '}
        {percent(group.median?.outsideBodyMass)}.
      </p>
      {group.outOfScope.length > 0 ? (
        <table aria-label={`Outside the intended use of ${name}`}>
          <thead>
            <tr>
              <th scope="col">reason</th>
              <th scope="col">effect</th>
              <th scope="col">inferences</th>
            </tr>
          </thead>
          <tbody>
            {group.outOfScope.map((reason) => (
              <tr key={reason.code}>
                <th scope="row">{reason.code}</th>
                <td>{reason.severity === 'block' ? 'not scored' : 'scored with a warning'}</td>
                <td>{reason.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Row({ row }: { row: SaliencyAuditRow }) {
  return (
    <tr data-flagged={row.flags.length > 0 ? 'true' : 'false'}>
      <td>
        <StudyLink studyId={row.studyId}>
          {formatPersonName(row.patientName) || `Study ${row.studyId}`}
        </StudyLink>
      </td>
      <td>{row.modality ?? '–'}</td>
      <td>
        {row.model.name} {row.model.version}
        <br />
        <small>{row.provider ?? '–'}</small>
      </td>
      <td>
        {row.call
          ? `${row.call.label} ${row.call.probability.toFixed(3)}${row.call.positive ? ' (positive)' : ''}`
          : '–'}
      </td>
      <td>{percent(row.cam?.outsideBodyMass)}</td>
      <td>{percent(row.cam?.borderMass)}</td>
      <td>{percent(row.cam?.topDecileMass)}</td>
      <td>
        {row.cam === null
          ? 'no map'
          : row.flags.length > 0
            ? row.flags.map((flag) => flagText[flag]).join(', ')
            : '–'}
      </td>
      <td>{row.readerConfounders.length > 0 ? row.readerConfounders.join(', ') : '–'}</td>
    </tr>
  );
}

/**
 * Where the model looked, across its inferences, for auditors hunting confounders: which positive
 * calls rest on the image border or on background air, per model version and call by call, with
 * what readers flagged beside it.
 */
export function SaliencyAuditView({
  audit,
  flaggedOnly,
}: {
  audit: SaliencyAudit;
  flaggedOnly: boolean;
}) {
  return (
    <>
      <p>
        A positive call is flagged when more than {percent(audit.limits.borderMass)} of its Grad-CAM
        mass lies in the border band (the outer 10% of each side: 36% of the image, so a flat map
        puts 36% there) or more than {percent(audit.limits.outsideBodyMass)} on background air
        outside the body. Negative calls are listed but never flagged: a map explains a call, not
        its absence. The newest {audit.considered} inferences
        {audit.truncated ? ' (older ones are not counted)' : ''}.
      </p>
      <section aria-labelledby="saliency-models">
        <h2 id="saliency-models">By model version</h2>
        {audit.models.length === 0 ? <p>No inferences yet.</p> : null}
        {audit.models.map((group) => (
          <ModelSummary key={`${group.model.name} ${group.model.version}`} group={group} />
        ))}
      </section>
      <section aria-labelledby="saliency-calls">
        <h2 id="saliency-calls">Calls, flagged first</h2>
        <p>
          {flaggedOnly ? (
            <Link href="/saliency">Show every scored call</Link>
          ) : (
            <Link href="/saliency?flagged=1">Show flagged calls only</Link>
          )}
        </p>
        <table aria-label="Saliency by call" className="saliency-calls">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Modality</th>
              <th scope="col">Model</th>
              <th scope="col">Call</th>
              <th scope="col">Outside body</th>
              <th scope="col">Border</th>
              <th scope="col">Top 10%</th>
              <th scope="col">Flags</th>
              <th scope="col">Readers flagged</th>
            </tr>
          </thead>
          <tbody>
            {audit.rows.map((row) => (
              <Row key={row.inferenceId} row={row} />
            ))}
          </tbody>
        </table>
        {audit.rows.length === 0 ? <p>No calls to show.</p> : null}
      </section>
    </>
  );
}
