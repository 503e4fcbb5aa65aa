import { UserAdmin } from '@/app/_components/users/UserAdmin';
import { pages } from '@/app/_config/access';
import { requireRole } from '@/lib/auth/server';

export const metadata = { title: 'Users · secondlook' };

export default async function UsersPage() {
  const session = await requireRole(pages.users.roles, pages.users.href);
  return (
    <main className="wide">
      <h1>Users</h1>
      <UserAdmin csrfToken={session.csrfToken} me={session.user.id} />
    </main>
  );
}
