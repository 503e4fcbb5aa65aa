import { aiStatusLabels, type WorklistStudy } from './types';

function retryText(retryAt: string | null): string {
  if (!retryAt) return 'no more retries';
  const time = new Date(retryAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `retry after ${time}`;
}

/** The series fraction, shown while a study is pending or when it has several series. */
function seriesText(ai: WorklistStudy['ai']): string {
  return `${ai.screenedSeries}/${ai.eligibleSeries} series`;
}

/**
 * The AI status of a study: progress while its series are screened, the intended-use reasons
 * when none is in scope, the error code (message on hover) when a screening failed.
 */
export function AiStatusCell({ ai }: { ai: WorklistStudy['ai'] }) {
  const label = aiStatusLabels[ai.status];
  if (ai.status === 'out-of-scope') {
    return (
      <div data-ai-status="out-of-scope">
        {label}
        {ai.outOfScope.map((reason) => (
          <div className="muted" key={`${reason.code} ${reason.message}`} title={reason.code}>
            {reason.message}
          </div>
        ))}
      </div>
    );
  }
  if (ai.status === 'failed' && ai.error) {
    return (
      <div data-ai-status="failed">
        {label} <span title={ai.error.message}>({ai.error.code})</span>
        <div className="muted">
          {ai.error.attempts} {ai.error.attempts === 1 ? 'attempt' : 'attempts'},{' '}
          {retryText(ai.error.retryAt)}
        </div>
      </div>
    );
  }
  const showSeries = ai.status === 'pending' || ai.eligibleSeries > 1;
  return (
    <div data-ai-status={ai.status}>
      {label}
      {showSeries ? <div className="muted">{seriesText(ai)}</div> : null}
    </div>
  );
}
