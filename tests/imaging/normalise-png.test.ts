/** Normalisation, presets as data, and the Node PNG helpers (round trip, and against Python). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctWindowPresets, findPreset, rescaleToFloat32, standardise } from '../../lib/imaging';
import { decodePng, encodePng } from '../../lib/imaging/node';
import { workDir } from '../support/paths';

describe('normalisation', () => {
  it('rescales a range linearly', () => {
    // (x - 0) / 255: 0 -> 0, 51 -> 0.2, 255 -> 1; to [-1, 1]: 2 * x / 255 - 1
    expect(Array.from(rescaleToFloat32([0, 51, 255], [0, 255]))).toEqual([0, Math.fround(0.2), 1]);
    expect(Array.from(rescaleToFloat32([0, 127.5, 255], [0, 255], [-1, 1]))).toEqual([-1, 0, 1]);
    expect(() => rescaleToFloat32([1], [3, 3])).toThrow(
      expect.objectContaining({ code: 'BAD_RANGE' }),
    );
  });
  it('standardises: (x - mean) / std', () => {
    // (0.485 - 0.485) / 0.229 = 0; (1 - 0.485) / 0.229 = 2.2489...
    const out = standardise([0.485, 1], 0.485, 0.229);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.515 / 0.229, 5);
    expect(() => standardise([1], 0, 0)).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
  });
});

describe('CT presets', () => {
  it('have unique ids and hotkeys 1-5, and are found by either', () => {
    expect(ctWindowPresets.map((p) => p.hotkey)).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(ctWindowPresets.map((p) => p.id)).size).toBe(5);
    for (const preset of ctWindowPresets) {
      expect(findPreset(preset.hotkey)).toBe(preset);
      expect(findPreset(preset.id.toUpperCase())).toBe(preset);
      expect(preset.width).toBeGreaterThanOrEqual(1); // usable as LINEAR windows
    }
    expect(findPreset('kidney')).toBeUndefined();
  });
});

describe('PNG helpers', () => {
  const grey = {
    width: 3,
    height: 2,
    channels: 1 as const,
    data: Uint8Array.from([0, 50, 100, 150, 200, 255]),
  };
  const rgb = {
    width: 2,
    height: 1,
    channels: 3 as const,
    data: Uint8Array.from([255, 0, 0, 0, 128, 255]),
  };

  it('round-trips grey, RGB and RGBA', () => {
    const rgba = {
      width: 1,
      height: 2,
      channels: 4 as const,
      data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
    };
    for (const image of [grey, rgb, rgba]) expect(decodePng(encodePng(image))).toEqual(image);
  });

  it('writes PNGs that an independent reader (a minimal decoder on Python zlib) reads back', () => {
    mkdirSync(workDir, { recursive: true });
    const file = path.join(workDir, 'png-helper-grey.png');
    writeFileSync(file, encodePng(grey));
    // A minimal PNG reader in Python's standard library: IHDR, IDAT inflate, filter type per row.
    const script = `
import sys, zlib, struct
b = open(sys.argv[1], 'rb').read()
assert b[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
pos, idat, ihdr = 8, b'', None
while pos < len(b):
    n, kind = struct.unpack('>I4s', b[pos:pos + 8]); body = b[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': idat += body
w, h, depth, colour = ihdr[:4]
raw, out, prev = zlib.decompress(idat), [], [0] * w
for y in range(h):
    f, row = raw[y * (w + 1)], list(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
    for x in range(w):
        a = row[x - 1] if x else 0; up = prev[x]; c = prev[x - 1] if x else 0
        p = a + up - c; pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
        pred = [0, a, up, (a + up) // 2, a if pa <= pb and pa <= pc else (up if pb <= pc else c)][f]
        row[x] = (row[x] + pred) & 255
    out += row; prev = row
print(w, h, depth, colour, *out)
`;
    const run = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split(' ').map(Number)).toEqual([3, 2, 8, 0, ...grey.data]);
  });

  it('refuses bytes that are not a PNG, naming the file', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]), 'x.png')).toThrow(
      expect.objectContaining({ code: 'BAD_PNG', file: 'x.png' }),
    );
    expect(() => encodePng({ ...grey, width: 4 })).toThrow(
      expect.objectContaining({ code: 'BAD_IMAGE' }),
    );
  });

  it('reads a PNG from an independent writer (Python zlib, filter type 0 rows)', () => {
    mkdirSync(workDir, { recursive: true });
    const pythonPng = path.join(workDir, 'png-helper-python.png');
    const script = `
import sys, zlib, struct
w, h = 3, 2; rows = bytes([0, 9, 8, 7, 0, 6, 5, 4])
def chunk(k, d): return struct.pack('>I', len(d)) + k + d + struct.pack('>I', zlib.crc32(k + d))
open(sys.argv[1], 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
`;
    const run = spawnSync('/usr/bin/python3', ['-c', script, pythonPng], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(decodePng(readFileSync(pythonPng))).toEqual({
      width: 3,
      height: 2,
      channels: 1,
      data: Uint8Array.from([9, 8, 7, 6, 5, 4]),
    });
  });
});
