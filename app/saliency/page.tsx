import { SaliencyAuditView } from '@/app/_components/saliency/SaliencyAuditView';
import { pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';
import { saliencyAudit } from '@/lib/review';
import { getStore } from '@/lib/store';

export const metadata = { title: 'Saliency audit · secondlook' };

export default async function SaliencyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole(pages.saliency.roles, pages.saliency.href);
  const flaggedOnly = (await searchParams).flagged === '1';
  const audit = await saliencyAudit((await getStore()).db, { flaggedOnly });
  return (
    <main>
      <h1>Saliency audit</h1>
      <SaliencyAuditView audit={audit} flaggedOnly={flaggedOnly} />
    </main>
  );
}
