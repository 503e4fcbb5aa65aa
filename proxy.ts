/**
 * The Content Security Policy of every page, with a fresh nonce per request (Next.js puts it on
 * its own scripts; pages are all rendered per request). Scripts run only from this origin or with
 * the nonce, so markup injected into a page (a crafted patient name, say) cannot run; the page
 * talks to no other origin, so nothing it shows can be sent elsewhere; it cannot be framed, and
 * forms post only here. WebAssembly (the codecs, onnxruntime-web) may compile; no script may
 * `eval`. Style elements come only from this origin or are the built stylesheet that Next.js
 * inlines into each page (`experimental.inlineCss`), allowed by its sha256: injected markup
 * cannot restyle a page (hide a warning, overlay a fake one) with a `<style>` of its own. Style
 * attributes stay allowed (React's, Cornerstone's; they cannot load anything the policy refuses);
 * `style-src` says the same for browsers without CSP 3's `style-src-elem` and `style-src-attr`.
 * In development, webpack inlines styles as it goes. Browsers report what it refuses to
 * /api/csp-report (counted in the metrics). API answers, static files, the model and the codecs
 * need no policy and skip it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';

let builtStyles: string | null = null;

/** The sha256 sources of the production build's stylesheets (read once; none before a build). */
function builtStyleSources(): string {
  if (builtStyles !== null) return builtStyles;
  const folder = path.join(process.cwd(), '.next', 'static', 'css');
  const names = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.css')) : [];
  builtStyles = names
    .sort()
    .map((name) => {
      const digest = createHash('sha256').update(readFileSync(path.join(folder, name)));
      return ` 'sha256-${digest.digest('base64')}'`;
    })
    .join('');
  return builtStyles;
}

function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `style-src-elem 'self'${development ? " 'unsafe-inline'" : builtStyleSources()}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    // A stored PDF shows in a frame of its own object URL, in the browser's PDF viewer.
    'frame-src blob:',
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'report-uri /api/csp-report',
  ].join('; ');
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|models/|ort/|codecs/|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
