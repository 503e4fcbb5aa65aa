/**
 * Where the server pulls studies from (and sends results to), read from the environment. No
 * SECONDLOOK_PACS_URL, no polling. The password is read from the environment only, never logged.
 */
import { SecondlookError } from '../errors';
import type { DicomWebConfig } from '../dicomweb';
import { ingestLimits } from '../store';
import type { ResultPolicy } from './send';

export interface PacsConfig {
  dicomWeb: DicomWebConfig;
  /** Only studies with one of these modalities, and only their instances of them; [] for all. */
  modalities: string[];
  /** Studies dated this many days back and later; null for any date. */
  lookbackDays: number | null;
  /** Milliseconds between polls. */
  everyMs: number;
  /** Which screening results go back to the PACS as Secondary Captures: none, flagged, all. */
  sendResults: 'off' | ResultPolicy;
  /** Whether signed reviews go to the PACS as structured reports verified by their readers. */
  sendReviews: boolean;
}

function reviewPolicy(raw: string | undefined): boolean {
  const value = (raw ?? 'off').trim().toLowerCase();
  if (value === '' || value === 'off') return false;
  if (value === 'signed') return true;
  throw new SecondlookError(
    'USAGE',
    `SECONDLOOK_PACS_SEND_REVIEWS must be off or signed, got '${value.slice(0, 20)}'`,
  );
}

function sendPolicy(raw: string | undefined): 'off' | ResultPolicy {
  const value = (raw ?? 'off').trim().toLowerCase();
  if (value === '' || value === 'off') return 'off';
  if (value === 'flagged' || value === 'all') return value;
  throw new SecondlookError(
    'USAGE',
    `SECONDLOOK_PACS_SEND must be off, flagged or all, got '${value.slice(0, 20)}'`,
  );
}

function positive(name: string, fallback: number, env: Record<string, string | undefined>): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new SecondlookError('USAGE', `${name} must be a positive number, got '${raw}'`);
  }
  return value;
}

/** Comma-separated modality codes (`CR,DX`), upper-cased; `*` or `all` for every modality. */
function parseModalities(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed === '*' || trimmed.toLowerCase() === 'all') return [];
  const codes = trimmed.split(',').map((code) => code.trim().toUpperCase());
  for (const code of codes) {
    if (!/^[A-Z0-9]{1,16}$/.test(code)) {
      throw new SecondlookError('USAGE', `not a modality code: '${code.slice(0, 20)}'`);
    }
  }
  return codes;
}

/** The PACS to poll, or null when none is configured. */
export function pacsConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): PacsConfig | null {
  const url = env.SECONDLOOK_PACS_URL;
  if (!url) return null;
  const lookback = env.SECONDLOOK_PACS_LOOKBACK_DAYS ?? '2';
  return {
    dicomWeb: {
      url,
      username: env.SECONDLOOK_PACS_USER || undefined,
      password: env.SECONDLOOK_PACS_PASSWORD,
      maxInstanceBytes: ingestLimits(env).maxFileBytes,
      timeoutMs: 60_000,
    },
    modalities: parseModalities(env.SECONDLOOK_PACS_MODALITIES ?? 'CR,DX'),
    lookbackDays: lookback === 'all' ? null : positive('SECONDLOOK_PACS_LOOKBACK_DAYS', 2, env),
    everyMs: positive('SECONDLOOK_PACS_POLL_SECONDS', 60, env) * 1000,
    sendResults: sendPolicy(env.SECONDLOOK_PACS_SEND),
    sendReviews: reviewPolicy(env.SECONDLOOK_PACS_SEND_REVIEWS),
  };
}

/** A DICOM date (YYYYMMDD), `days` before `now`, in the server's local time. */
export function studyDateDaysBefore(days: number, now: Date = new Date()): string {
  const then = new Date(now.getFullYear(), now.getMonth(), now.getDate() - Math.floor(days));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${then.getFullYear()}${pad(then.getMonth() + 1)}${pad(then.getDate())}`;
}

/**
 * Why a PACS URL would carry patient data and credentials across a network in clear (plain
 * http to a host that is not this machine), or null. The server warns at start; it still polls,
 * since a PACS on a trusted segment is a site's decision (README: Deploying).
 */
export function cleartextWarning(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(parsed.hostname);
  return parsed.protocol === 'http:' && !loopback
    ? `SECONDLOOK_PACS_URL is plain http to ${parsed.hostname}: studies, results and the PACS password cross the network in clear; use https`
    : null;
}
