import { ModelFactsView } from '@/app/_components/model/ModelFactsView';
import { MonitoringView } from '@/app/_components/model/MonitoringView';
import { ReaderFeedbackView } from '@/app/_components/model/ReaderFeedbackView';
import { TurnaroundView } from '@/app/_components/model/TurnaroundView';
import { pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';
import { toErrorInfo } from '@/lib/errors';
import { readModelFacts } from '@/lib/inference/node';
import { readerFeedback, screeningMonitoring, triageTurnaround } from '@/lib/review';
import { defaultModelDir } from '@/lib/screening/server';
import { getStore } from '@/lib/store';

export const metadata = { title: 'Model · secondlook' };

export default async function ModelPage() {
  const session = await requireRole(pages.model.roles, pages.model.href);
  const facts = await readModelFacts(defaultModelDir()).catch(toErrorInfo);
  // Auditors only: a reader does not see other readers' reads (reads stay independent).
  const auditor = session.user.role === 'auditor';
  const { db } = await getStore();
  const feedback = auditor ? await readerFeedback(db) : null;
  const turnaround = auditor ? await triageTurnaround(db) : null;
  const monitoring = auditor ? await screeningMonitoring(db) : null;
  return (
    <main>
      <h1>The model</h1>
      {'code' in facts ? (
        <p role="alert">
          The model folder cannot be read ({facts.code}: {facts.message}).
        </p>
      ) : (
        <ModelFactsView facts={facts} />
      )}
      {feedback ? <ReaderFeedbackView feedback={feedback} /> : null}
      {turnaround ? <TurnaroundView turnaround={turnaround} /> : null}
      {monitoring ? <MonitoringView monitoring={monitoring} /> : null}
    </main>
  );
}
