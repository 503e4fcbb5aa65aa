import { createUser, listUsers, parseRole } from '@/lib/auth';
import { ADMIN, json, readJson, route } from '../_lib/route';

/** GET: every account. */
export const GET = route(ADMIN, async ({ store }) => json({ users: await listUsers(store.db) }));

/** POST {username, role, password}: a new account. */
export const POST = route(ADMIN, async ({ request, session, store }) => {
  const body = await readJson(request, 4096);
  const user = await createUser(
    store.db,
    {
      username: String(body.username ?? ''),
      role: parseRole(body.role),
      password: String(body.password ?? ''),
    },
    session.user,
  );
  return json({ user }, 201);
});
