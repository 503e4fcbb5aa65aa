import { PacsStatusView } from '@/app/_components/pacs/PacsStatusView';
import { UploadPanel } from '@/app/_components/upload/UploadPanel';
import { pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';
import { appPacsPoller } from '@/lib/pacs';

export const metadata = { title: 'Upload · secondlook' };

/**
 * Uploads for admins, who load studies but do not read them (radiologists upload from the
 * worklist), and the PACS the server pulls from.
 */
export default async function UploadPage() {
  const session = await requireRole(pages.upload.roles, pages.upload.href);
  return (
    <main className="narrow">
      <h1>Upload studies</h1>
      <UploadPanel csrfToken={session.csrfToken} />
      <PacsStatusView status={(await appPacsPoller())?.status() ?? null} />
    </main>
  );
}
