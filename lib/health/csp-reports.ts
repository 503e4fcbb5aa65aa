/**
 * Content Security Policy violations the browsers report (`report-uri`, proxy.ts), counted per
 * directive in this process for the metrics, and logged at most once a minute per directive. A
 * report names what was blocked by its kind only (`inline`, `eval`, a scheme, or an origin),
 * never a whole URL: a blocked request could carry a page's data in its query. Anyone can post a
 * report, so a directive that no policy has counts as `other`, and the counts are a signal, not
 * evidence.
 */
import { SecondlookError } from '../errors';

/** The directives a violation can name (CSP 3), the only label values the metric takes. */
const DIRECTIVES = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
  'trusted-types',
  'require-trusted-types-for',
]);

const LOG_EVERY_MS = 60_000;

const counts = new Map<string, number>();
const lastLogged = new Map<string, number>();

export interface CspViolation {
  directive: string;
  /** `inline`, `eval`, `wasm-eval`, a scheme (`data`), an origin, or `unknown`. */
  blocked: string;
}

function blockedKind(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'unknown';
  if (['inline', 'eval', 'wasm-eval', 'trusted-types-policy', 'trusted-types-sink'].includes(value))
    return value;
  try {
    const url = new URL(value);
    return url.origin === 'null' ? url.protocol.replace(/:$/, '') : url.origin;
  } catch {
    return 'unknown';
  }
}

function violationOf(report: unknown): CspViolation | null {
  if (!report || typeof report !== 'object') return null;
  const fields = report as Record<string, unknown>;
  const named = fields.effectiveDirective ?? fields['effective-directive'];
  const directive = typeof named === 'string' ? named.split(' ')[0]!.toLowerCase() : '';
  return {
    directive: DIRECTIVES.has(directive) ? directive : 'other',
    blocked: blockedKind(fields.blockedURL ?? fields['blocked-uri']),
  };
}

/**
 * The violations in a report body: the legacy `application/csp-report` form
 * (`{"csp-report": {...}}`) or the Reporting API's list (`[{type: "csp-violation", body}]`).
 */
export function parseCspReport(body: unknown): CspViolation[] {
  const reports = Array.isArray(body)
    ? body
        .filter((entry) => (entry as { type?: unknown })?.type === 'csp-violation')
        .map((entry) => (entry as { body?: unknown }).body)
    : [(body as Record<string, unknown> | null)?.['csp-report']];
  const violations = reports.map(violationOf).filter((v): v is CspViolation => v !== null);
  if (violations.length === 0) throw new SecondlookError('BAD_REQUEST', 'not a CSP report');
  return violations;
}

/** Counts the violations and logs each directive's first in a minute; returns how many. */
export function recordCspViolations(violations: readonly CspViolation[], now = Date.now()): number {
  for (const { directive, blocked } of violations) {
    counts.set(directive, (counts.get(directive) ?? 0) + 1);
    if (now - (lastLogged.get(directive) ?? -Infinity) < LOG_EVERY_MS) continue;
    lastLogged.set(directive, now);
    console.warn(`csp: a page was refused ${blocked} by ${directive}`);
  }
  return violations.length;
}

/** Violations reported to this process since it started, per directive. */
export function cspViolationCounts(): ReadonlyMap<string, number> {
  return counts;
}
