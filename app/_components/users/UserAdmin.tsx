'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '@/lib/auth/roles';
import { apiJson } from '../api-client';

interface UserRow {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  signedIn: { sessions: number; lastActiveAt: string } | null;
}

type UserChange =
  Partial<Pick<UserRow, 'role' | 'disabled'>> | { password: string } | { signOut: true };

const errorText = (caught: unknown) =>
  caught instanceof Error ? caught.message : 'the change could not be made';

function AddUserForm({ csrfToken, onAdded }: { csrfToken: string; onAdded: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    try {
      await apiJson('/api/users', {
        method: 'POST',
        csrfToken,
        body: {
          username: String(data.get('username') ?? '').trim(),
          role: String(data.get('role') ?? ''),
          password: String(data.get('password') ?? ''),
        },
      });
      form.reset();
      setError(null);
      onAdded();
    } catch (caught) {
      setError(errorText(caught));
    }
  }
  return (
    <form className="filter-bar" aria-label="Add an account" onSubmit={add}>
      <label>
        Username
        <input name="username" required autoComplete="off" />
      </label>
      <label>
        Role
        <select name="role" defaultValue="radiologist">
          {ROLES.map((role) => (
            <option key={role}>{role}</option>
          ))}
        </select>
      </label>
      <label>
        Initial password
        <input name="password" type="password" required autoComplete="new-password" />
      </label>
      <button type="submit">Add account</button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}

function UserRowView({
  user,
  isMe,
  change,
}: {
  user: UserRow;
  isMe: boolean;
  change: (user: UserRow, patch: UserChange) => void;
}) {
  const [password, setPassword] = useState('');
  return (
    <tr data-username={user.username}>
      <th scope="row">
        {user.username}
        {isMe ? ' (you)' : ''}
      </th>
      <td>
        <select
          aria-label={`Role of ${user.username}`}
          value={user.role}
          onChange={(event) => change(user, { role: event.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role}>{role}</option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? 'disabled' : 'active'}</td>
      <td>{new Date(user.createdAt).toLocaleDateString()}</td>
      <td>
        {user.signedIn ? (
          <>
            {user.signedIn.sessions === 1 ? '1 session' : `${user.signedIn.sessions} sessions`},
            active {new Date(user.signedIn.lastActiveAt).toLocaleString()}{' '}
            {isMe ? null : (
              <button type="button" onClick={() => change(user, { signOut: true })}>
                Sign out everywhere
              </button>
            )}
          </>
        ) : (
          'no'
        )}
      </td>
      <td>
        <button type="button" onClick={() => change(user, { disabled: !user.disabled })}>
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
      <td>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            change(user, { password });
            setPassword('');
          }}
        >
          <input
            type="password"
            aria-label={`New password for ${user.username}`}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <button type="submit">Set</button>
        </form>
      </td>
    </tr>
  );
}

/**
 * Accounts for an admin: add one, change a role, disable or enable, set a new password (which,
 * like disabling, signs the user out everywhere), see where each is signed in now and sign them
 * out everywhere (a workstation left signed in). The API refuses to disable or demote the last
 * active admin; its message is shown here.
 */
export function UserAdmin({ csrfToken, me }: { csrfToken: string; me: number }) {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const reload = useCallback(() => {
    apiJson<{ users: UserRow[] }>('/api/users').then(
      (body) => setUsers(body.users),
      (caught: unknown) => setMessage({ text: errorText(caught), error: true }),
    );
  }, []);
  useEffect(reload, [reload]);

  async function change(user: UserRow, patch: UserChange) {
    try {
      await apiJson(`/api/users/${user.id}`, { method: 'PATCH', csrfToken, body: patch });
      const what =
        'password' in patch
          ? 'has a new password and was signed out'
          : 'signOut' in patch
            ? 'was signed out everywhere'
            : 'role' in patch
              ? `is now ${patch.role}`
              : patch.disabled
                ? 'is disabled and was signed out'
                : 'is enabled';
      setMessage({ text: `${user.username} ${what}.`, error: false });
    } catch (caught) {
      setMessage({ text: errorText(caught), error: true });
    }
    reload();
  }

  return (
    <>
      <h2>Add an account</h2>
      <AddUserForm
        csrfToken={csrfToken}
        onAdded={() => {
          setMessage({ text: 'Account added.', error: false });
          reload();
        }}
      />
      <h2>Accounts</h2>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'danger' : ''}>
          {message.text}
        </p>
      ) : null}
      <table aria-label="Accounts">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Created</th>
            <th scope="col">Signed in</th>
            <th scope="col">Access</th>
            <th scope="col">New password</th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((user) => (
            <UserRowView key={user.id} user={user} isMe={user.id === me} change={change} />
          ))}
        </tbody>
      </table>
    </>
  );
}
