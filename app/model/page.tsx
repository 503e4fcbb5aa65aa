import { ModelFactsView } from '@/app/_components/model/ModelFactsView';
import { pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';
import { toErrorInfo } from '@/lib/errors';
import { readModelFacts } from '@/lib/inference/node';
import { defaultModelDir } from '@/lib/screening/server';

export const metadata = { title: 'Model · secondlook' };

export default async function ModelPage() {
  await requireRole(pages.model.roles, pages.model.href);
  const facts = await readModelFacts(defaultModelDir()).catch(toErrorInfo);
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
    </main>
  );
}
