import { parseRole, updateUser } from '@/lib/auth';
import { ADMIN, idParam, json, readJson, route } from '../../_lib/route';

/**
 * PATCH {role?, password?, disabled?, signOut?}: changes an account (disabling, a new password and
 * `signOut: true` end its sessions).
 */
export const PATCH = route<{ id: string }>(ADMIN, async ({ request, session, store, params }) => {
  const body = await readJson(request, 4096);
  const user = await updateUser(
    store.db,
    idParam(params.id, 'user'),
    {
      role: body.role === undefined ? undefined : parseRole(body.role),
      password: body.password === undefined ? undefined : String(body.password),
      disabled: typeof body.disabled === 'boolean' ? body.disabled : undefined,
      signOut: body.signOut === true,
    },
    session.user,
  );
  return json({ user });
});
