import { aiStatusLabels, type ScreeningError, type WorklistStudy } from './types';

function attemptsText(attempts: number): string {
  return `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
}

/** When a retrying screening is tried again, or that the queue gave up. */
function retryText(error: ScreeningError): string {
  if (!error.retryAt) return `gave up after ${attemptsText(error.attempts)}`;
  const time = new Date(error.retryAt).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
  return `next try at ${time} (${attemptsText(error.attempts)} so far)`;
}

/** The series fraction, shown while a study is pending or when it has several series. */
function seriesText(ai: WorklistStudy['ai']): string {
  return `${ai.screenedSeries}/${ai.eligibleSeries} series`;
}

/**
 * The AI status of a study: progress while its series are screened, the intended-use reasons
 * when none is in scope, and when a screening failed its error code (message on hover) with
 * when it is retried or that the queue gave up.
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
  if ((ai.status === 'retrying' || ai.status === 'failed') && ai.error) {
    return (
      <div data-ai-status={ai.status}>
        {label} <span title={ai.error.message}>({ai.error.code})</span>
        <div className="muted">{retryText(ai.error)}</div>
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
