'use client';

import { apiJson } from './api-client';

/**
 * Signs out, then loads the sign-in page afresh: a full load, not a client-side route, so that
 * nothing the pages held (a study's files, the viewer's images) stays in the tab's memory on a
 * shared workstation.
 */
export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  async function logout() {
    await apiJson('/api/auth/logout', { method: 'POST', csrfToken }).catch(() => undefined);
    window.location.replace(new URL('/login', window.location.href).href);
  }
  return (
    <button type="button" onClick={() => void logout()}>
      Sign out
    </button>
  );
}
