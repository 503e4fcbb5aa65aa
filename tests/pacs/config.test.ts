/**
 * The server's PACS settings from the environment: none without a URL, the documented defaults,
 * the upload bound reused for pulled instances, and a clear USAGE error for a bad value.
 */
import { describe, expect, it } from 'vitest';
import { cleartextWarning, pacsConfigFromEnv, studyDateDaysBefore } from '../../lib/pacs';

const url = 'https://pacs.example/dicom-web';

describe('pacsConfigFromEnv', () => {
  it('is null without SECONDLOOK_PACS_URL', () => {
    expect(pacsConfigFromEnv({})).toBeNull();
  });

  it('has the README defaults', () => {
    expect(pacsConfigFromEnv({ SECONDLOOK_PACS_URL: url })).toEqual({
      dicomWeb: {
        url,
        username: undefined,
        password: undefined,
        maxInstanceBytes: 256 * 1024 * 1024,
        timeoutMs: 60_000,
      },
      modalities: ['CR', 'DX'],
      lookbackDays: 2,
      everyMs: 60_000,
      sendResults: 'off',
      sendReviews: false,
    });
  });

  it('reads every setting', () => {
    const config = pacsConfigFromEnv({
      SECONDLOOK_PACS_URL: url,
      SECONDLOOK_PACS_USER: 'reader',
      SECONDLOOK_PACS_PASSWORD: 'secret',
      SECONDLOOK_PACS_MODALITIES: ' cr, dx ,mg',
      SECONDLOOK_PACS_LOOKBACK_DAYS: 'all',
      SECONDLOOK_PACS_POLL_SECONDS: '2.5',
      SECONDLOOK_UPLOAD_MAX_FILE_MB: '8',
      SECONDLOOK_PACS_SEND: ' Flagged',
      SECONDLOOK_PACS_SEND_REVIEWS: 'Signed ',
    });
    expect(config).toMatchObject({
      dicomWeb: { username: 'reader', password: 'secret', maxInstanceBytes: 8 * 1024 * 1024 },
      modalities: ['CR', 'DX', 'MG'],
      lookbackDays: null,
      everyMs: 2500,
      sendResults: 'flagged',
      sendReviews: true,
    });
    expect(
      pacsConfigFromEnv({ SECONDLOOK_PACS_URL: url, SECONDLOOK_PACS_SEND: 'all' }),
    ).toMatchObject({ sendResults: 'all' });
    expect(
      pacsConfigFromEnv({ SECONDLOOK_PACS_URL: url, SECONDLOOK_PACS_MODALITIES: 'all' }),
    ).toMatchObject({ modalities: [] });
  });

  it.each([
    ['SECONDLOOK_PACS_MODALITIES', 'CR;DX'],
    ['SECONDLOOK_PACS_LOOKBACK_DAYS', 'yesterday'],
    ['SECONDLOOK_PACS_POLL_SECONDS', '0'],
    ['SECONDLOOK_PACS_SEND_REVIEWS', 'yes'],
    ['SECONDLOOK_PACS_SEND', 'yes'],
  ])('refuses %s=%s with USAGE', (name, value) => {
    expect(() => pacsConfigFromEnv({ SECONDLOOK_PACS_URL: url, [name]: value })).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});

describe('studyDateDaysBefore', () => {
  it('counts back whole local days, across a month and a year', () => {
    expect(studyDateDaysBefore(2, new Date(2027, 0, 1, 0, 30))).toBe('20261230');
    expect(studyDateDaysBefore(0, new Date(2026, 11, 6, 23, 59))).toBe('20261206');
  });
});

describe('cleartextWarning', () => {
  it('warns of plain http to another host, not of https or this machine', () => {
    expect(cleartextWarning('http://pacs.hospital.example/dicom-web')).toContain(
      'plain http to pacs.hospital.example',
    );
    expect(cleartextWarning('http://10.1.2.3:8042/dicom-web')).toContain('in clear');
    for (const url of [
      'https://pacs.hospital.example/dicom-web',
      'http://127.0.0.1:8042/dicom-web',
      'http://localhost:8042/dicom-web',
      'http://[::1]:8042/dicom-web',
    ]) {
      expect(cleartextWarning(url)).toBeNull();
    }
  });
});
