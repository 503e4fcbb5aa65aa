'use client';

import { signOut } from './api-client';

export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  return (
    <button type="button" onClick={() => void signOut(csrfToken)}>
      Sign out
    </button>
  );
}
