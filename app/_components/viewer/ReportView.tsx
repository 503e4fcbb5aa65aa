import type { SrItem, StructuredReport } from '@/lib/dicom';
import { useInstanceJson } from './use-instance-json';

function dateTime(report: StructuredReport): string {
  const date = report.contentDate?.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3') ?? '';
  const time = report.contentTime?.replace(/^(\d{2})(\d{2})(\d{2}).*$/, '$1:$2:$3') ?? '';
  return [date, time].filter(Boolean).join(' ');
}

/** One content item and those below it: its concept name, its value, and how it relates. */
function Item({ item }: { item: SrItem }) {
  const name = item.concept?.meaning ?? '';
  const value = item.valueType === null ? `see item ${item.value}` : item.value;
  return (
    <li data-value-type={item.valueType ?? 'reference'}>
      {item.relationship && item.relationship !== 'CONTAINS' ? (
        <span className="report-relationship">{item.relationship.toLowerCase()} </span>
      ) : null}
      {item.valueType === 'CONTAINER' ? (
        <strong>{name}</strong>
      ) : (
        <>
          {name ? <span className="report-concept">{name}: </span> : null}
          <span className="report-value">{value}</span>
        </>
      )}
      {item.children.length > 0 ? <Items items={item.children} /> : null}
    </li>
  );
}

function Items({ items }: { items: SrItem[] }) {
  return (
    <ul>
      {items.map((item, k) => (
        <Item key={k} item={item} />
      ))}
    </ul>
  );
}

/** The report stored as one instance, read by `GET /api/instances/:id/report`. */
function ReportDocument({ instanceId }: { instanceId: string }) {
  const answer = useInstanceJson<StructuredReport>(instanceId, 'report');
  if (answer === null) return <p>Reading the report…</p>;
  if ('failure' in answer) return <p role="alert">{answer.failure}</p>;
  const report = answer.value;
  const title = report.document.concept?.meaning ?? 'Structured report';
  const flags = [report.completionFlag, report.verificationFlag, dateTime(report)].filter(Boolean);
  return (
    <article aria-label={`Report: ${title}`}>
      <h2>{title}</h2>
      {flags.length > 0 ? <p className="muted">{flags.join(' · ')}</p> : null}
      <Items items={report.document.children} />
    </article>
  );
}

/**
 * A series of structured reports (a prior's report, the AI result, a signed review sent back by
 * the PACS), shown as text where the images would be: each report's content tree, item by item.
 */
export function ReportView({ instanceIds }: { instanceIds: string[] }) {
  return (
    <section className="report-view" aria-label="Structured report">
      {instanceIds.map((instanceId) => (
        <ReportDocument key={instanceId} instanceId={instanceId} />
      ))}
    </section>
  );
}
