import { notFound } from 'next/navigation';
import { openingDisplay } from '@/lib/display';
import { StudyWorkspace } from '@/app/_components/study/StudyWorkspace';
import { toStudyOutline } from '@/app/_components/study/to-viewer-study';
import { toWorkspaceDetail, type StudyDetail } from '@/app/_components/study/types';
import { openingSeries } from '@/app/_components/viewer/opening-state';
import type { OpeningView } from '@/app/_components/viewer/types';
import { can, pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';
import { SecondlookError } from '@/lib/errors';
import { getStore, getStudyDetail } from '@/lib/store';

export const metadata = { title: 'Study · secondlook' };

/** The study as `GET /api/studies/:id` answers it (read and audited as a study view). */
async function loadStudy(id: string, user: Parameters<typeof getStudyDetail>[2]) {
  const studyId = Number(id);
  if (!Number.isSafeInteger(studyId) || studyId < 1) notFound();
  try {
    const detail = await getStudyDetail(await getStore(), studyId, user);
    return JSON.parse(JSON.stringify(detail)) as StudyDetail;
  } catch (error) {
    if (error instanceof SecondlookError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function StudyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireRole(pages.study.roles, `${pages.study.href}/${id}`);
  const detail = await loadStudy(id, session.user);
  const outline = toStudyOutline(detail);
  const first = openingSeries(outline.series)?.frames[0];
  let opening: OpeningView | null = null;
  if (first) {
    const [instanceId, frame] = first;
    // How the server's first image shows (its window), for the overlay to state from the first
    // paint: kept since import, or, if not, asking starts that image's render, so the browser's
    // request for it (the viewer's <img>, early in this page's HTML) finds it rendered or in
    // flight. A failure is the <img>'s to show; the overlay then states no window until the
    // viewport has one.
    const display = await getStore()
      .then((store) => openingDisplay(store, instanceId, frame))
      .catch(() => null);
    if (display) opening = { instanceId: String(instanceId), frame, ...display };
  }
  return (
    <main className="wide">
      <StudyWorkspace
        detail={toWorkspaceDetail(detail)}
        outline={outline}
        opening={opening}
        reader={session.user.username}
        canReview={can(session.user.role, 'review')}
        canReadAllReviews={can(session.user.role, 'readAllReviews')}
        csrfToken={session.csrfToken}
      />
    </main>
  );
}
