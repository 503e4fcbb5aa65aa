'use client';

import { useRouter } from 'next/navigation';
import { apiJson } from './api-client';

export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  const router = useRouter();
  async function logout() {
    await apiJson('/api/auth/logout', { method: 'POST', csrfToken }).catch(() => undefined);
    router.replace('/login');
    router.refresh();
  }
  return (
    <button type="button" onClick={() => void logout()}>
      Sign out
    </button>
  );
}
