import { AuditLog } from '@/app/_components/audit/AuditLog';
import { pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';

export const metadata = { title: 'Audit · secondlook' };

export default async function AuditPage() {
  await requireRole(pages.audit.roles, pages.audit.href);
  return (
    <main className="wide">
      <h1>Audit trail</h1>
      <AuditLog />
    </main>
  );
}
