import { StudyWorkspace } from '@/app/_components/study/StudyWorkspace';
import { can, pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';

export const metadata = { title: 'Study · secondlook' };

export default async function StudyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireRole(pages.study.roles, `${pages.study.href}/${id}`);
  return (
    <main className="wide">
      <StudyWorkspace
        studyId={id}
        reader={session.user.username}
        canReview={can(session.user.role, 'review')}
        csrfToken={session.csrfToken}
      />
    </main>
  );
}
