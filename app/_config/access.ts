/**
 * Who may open which page, and the navigation that follows from it, as data. Pages pass their
 * entry's roles to `requireRole` (lib/auth), which redirects the anonymous to /login and other
 * roles to /forbidden.
 */
import type { Role } from '@/lib/auth/roles';

export interface PageAccess {
  href: string;
  label: string;
  roles: readonly Role[];
}

export const pages = {
  worklist: { href: '/worklist', label: 'Worklist', roles: ['radiologist', 'auditor'] },
  study: { href: '/studies', label: 'Study', roles: ['radiologist', 'auditor'] },
  audit: { href: '/audit', label: 'Audit', roles: ['auditor'] },
  saliency: { href: '/saliency', label: 'Saliency', roles: ['auditor'] },
  model: { href: '/model', label: 'Model', roles: ['radiologist', 'auditor'] },
  users: { href: '/users', label: 'Users', roles: ['admin'] },
  /** Radiologists upload from the worklist; admins, who do not read studies, from here. */
  upload: { href: '/upload', label: 'Upload', roles: ['admin'] },
} as const satisfies Record<string, PageAccess>;

/** What each role may do on the pages it can open (the API enforces the same). */
export const abilities = {
  upload: ['radiologist', 'admin'],
  review: ['radiologist'],
  /** Every reader's signed reviews of a study (a radiologist sees only their own). */
  readAllReviews: ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export function can(role: Role, ability: keyof typeof abilities): boolean {
  return (abilities[ability] as readonly Role[]).includes(role);
}

/** The header links, in order. */
export const navigation: readonly PageAccess[] = [
  pages.worklist,
  pages.audit,
  pages.saliency,
  pages.model,
  pages.users,
  pages.upload,
];

/** Where a user lands after signing in when no page was asked for. */
export function homeFor(role: Role): string {
  if (role === 'auditor') return pages.audit.href;
  return role === 'admin' ? pages.users.href : pages.worklist.href;
}
