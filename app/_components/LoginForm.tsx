'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError, apiJson } from './api-client';

/** Posts the credentials; on success reloads /login, whose server side sends the user on. */
export function LoginForm() {
  const router = useRouter();
  const search = useSearchParams().toString();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await apiJson('/api/auth/login', {
        method: 'POST',
        body: { username: form.get('username'), password: form.get('password') },
      });
      router.replace(search ? `/login?${search}` : '/login');
      router.refresh();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status < 500
          ? caught.message
          : 'The server could not sign you in just now: try again in a moment.',
      );
      setBusy(false);
    }
  }

  return (
    <form className="stacked-form" onSubmit={submit}>
      <label>
        Username
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
