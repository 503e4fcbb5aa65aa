import type { SrItem, SrReference, StructuredReport } from '@/lib/dicom';
import { dicomDateTime } from './dicom-date-time';
import { useInstanceJson } from './use-instance-json';

/** The report as the route answers it: with the referenced instances its study holds. */
type StoredReport = StructuredReport & { stored: Record<string, number> };

/** Shows frame `frame` (1-based) of a stored instance in the viewer. */
export type ShowImage = (instanceId: number, frame: number) => void;

/** What goes to a referenced instance, or null where the study does not hold it. */
type Goer = (reference: SrReference) => (() => void) | null;

/**
 * One content item and those below it: its concept name, its value, and how it relates; an image
 * it references that the study holds is a click away.
 */
function Item({ item, go }: { item: SrItem; go: Goer }) {
  const name = item.concept?.meaning ?? '';
  const value = item.valueType === null ? `see item ${item.value}` : item.value;
  const goes = item.reference ? go(item.reference) : null;
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
          {goes ? (
            <button type="button" className="report-go" onClick={goes}>
              {item.valueType === 'IMAGE' ? 'Show image' : 'Show object'}
            </button>
          ) : null}
        </>
      )}
      {item.children.length > 0 ? <Items items={item.children} go={go} /> : null}
    </li>
  );
}

function Items({ items, go }: { items: SrItem[]; go: Goer }) {
  return (
    <ul>
      {items.map((item, k) => (
        <Item key={k} item={item} go={go} />
      ))}
    </ul>
  );
}

/** The report stored as one instance, read by `GET /api/instances/:id/report`. */
function ReportDocument({ instanceId, onShow }: { instanceId: string; onShow: ShowImage }) {
  const answer = useInstanceJson<StoredReport>(instanceId, 'report');
  if (answer === null) return <p>Reading the report…</p>;
  if ('failure' in answer) return <p role="alert">{answer.failure}</p>;
  const report = answer.value;
  const title = report.document.concept?.meaning ?? 'Structured report';
  const flags = [
    report.completionFlag,
    report.verificationFlag,
    dicomDateTime(report.contentDate, report.contentTime),
  ].filter(Boolean);
  const go: Goer = ({ sopInstanceUID, frames }) => {
    const stored = report.stored[sopInstanceUID];
    return stored === undefined ? null : () => onShow(stored, frames[0] ?? 1);
  };
  return (
    <article aria-label={`Report: ${title}`}>
      <h2>{title}</h2>
      {flags.length > 0 ? <p className="muted">{flags.join(' · ')}</p> : null}
      <Items items={report.document.children} go={go} />
    </article>
  );
}

/**
 * A series of structured reports (a prior's report, the AI result, a signed review sent back by
 * the PACS), shown as text where the images would be: each report's content tree, item by item,
 * with a way to the images it references.
 */
export function ReportView({ instanceIds, onShow }: { instanceIds: string[]; onShow: ShowImage }) {
  return (
    <section className="report-view" aria-label="Structured report">
      {instanceIds.map((instanceId) => (
        <ReportDocument key={instanceId} instanceId={instanceId} onShow={onShow} />
      ))}
    </section>
  );
}
