import { describe, expect, it } from 'vitest';
import { foreignMessage, toErrorInfo } from '../../lib/errors';

describe("a dependency's error message shown to users", () => {
  it('cuts absolute server paths to their last segment', () => {
    const thrown = new Error(
      "ENOENT: no such file or directory, open '/srv/secondlook/node_modules/@cornerstonejs/codec-openjpeg/dist/openjpegwasm.wasm'",
    );
    expect(foreignMessage(thrown)).toBe(
      "ENOENT: no such file or directory, open '.../openjpegwasm.wasm'",
    );
    expect(foreignMessage('abort at /root/app/.next/server/chunks/552.js:1:9 (x)')).toBe(
      'abort at .../552.js:1:9 (x)',
    );
    expect(toErrorInfo(new Error('stat /var/lib/secondlook/blobs/ab/cd failed'))).toMatchObject({
      code: 'INTERNAL',
      message: 'stat .../cd failed',
    });
  });

  it('leaves media types, ratios, URLs and one-segment paths alone', () => {
    for (const text of [
      'expected application/dicom, got multipart/related',
      'frame 3/10: 512x512 of 1/2 the expected samples',
      'see https://example.org/a/b/c for details',
      'route /api not found',
    ]) {
      expect(foreignMessage(new Error(text))).toBe(text);
    }
  });
});
