import { WorklistPage } from '@/app/_components/worklist/WorklistPage';
import { can, pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';

export const metadata = { title: 'Worklist · secondlook' };

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireRole(pages.worklist.roles, pages.worklist.href);
  const { flagged } = await searchParams;
  return (
    <main className="wide">
      <h1>Second read</h1>
      <WorklistPage
        csrfToken={session.csrfToken}
        canUpload={can(session.user.role, 'upload')}
        alertOwner={
          can(session.user.role, 'review')
            ? { userId: session.user.id, flaggedAlerts: session.preferences.flaggedAlerts }
            : null
        }
        flaggedUnread={flagged === 'unread'}
      />
    </main>
  );
}
