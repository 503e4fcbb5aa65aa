import type { WorklistStudy } from './types';
import { aiStatusLabels } from './types';

function retryText(retryAt: string | null): string {
  return retryAt
    ? `retry after ${new Date(retryAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : 'no more retries';
}

/**
 * The AI status of a study: progress while its series are screened, the intended-use reasons
 * when none is in scope, the error code (message on hover) when a screening failed.
 */
export function AiStatusCell({ ai }: { ai: WorklistStudy['ai'] }) {
  const label = aiStatusLabels[ai.status];
  if (ai.status === 'pending') {
    return (
      <span data-ai-status="pending">
        {label}{' '}
        <progress
          max={Math.max(1, ai.eligibleSeries)}
          value={ai.screenedSeries}
          aria-label="Series screened"
        />{' '}
        <span className="muted">
          {ai.screenedSeries}/{ai.eligibleSeries} series
        </span>
      </span>
    );
  }
  if (ai.status === 'out-of-scope') {
    return (
      <span data-ai-status="out-of-scope">
        {label}
        {ai.outOfScope.map((reason) => (
          <div className="muted" key={`${reason.code} ${reason.message}`} title={reason.code}>
            {reason.message}
          </div>
        ))}
      </span>
    );
  }
  if (ai.status === 'failed' && ai.error) {
    return (
      <span data-ai-status="failed">
        {label}: <code title={ai.error.message}>{ai.error.code}</code>
        <div className="muted">
          {ai.error.attempts} {ai.error.attempts === 1 ? 'attempt' : 'attempts'},{' '}
          {retryText(ai.error.retryAt)}
        </div>
      </span>
    );
  }
  return (
    <span data-ai-status={ai.status}>
      {label}
      {ai.eligibleSeries > 1 ? (
        <span className="muted">
          {' '}
          ({ai.screenedSeries}/{ai.eligibleSeries} series)
        </span>
      ) : null}
    </span>
  );
}
