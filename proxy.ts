/**
 * The Content Security Policy of every page, with a fresh nonce per request (Next.js puts it on
 * its own scripts; pages are all rendered per request). Scripts run only from this origin or with
 * the nonce, so markup injected into a page (a crafted patient name, say) cannot run; the page
 * talks to no other origin, so nothing it shows can be sent elsewhere; it cannot be framed, and
 * forms post only here. WebAssembly (the codecs, onnxruntime-web) may compile; no script may
 * `eval`. Styles may be inline (React's style attributes and the inlined stylesheet): a style
 * cannot run code. Browsers report what it refuses to /api/csp-report (counted in the metrics).
 * API answers, static files, the model and the codecs need no policy and skip it.
 */
import { NextResponse, type NextRequest } from 'next/server';

function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
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
