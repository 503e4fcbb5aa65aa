/** inspect, decode and tags, in-process through main() with captured output. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import { capture } from '../support/cli';
import { dcmdumpRows } from '../support/dcmdump';
import { INSPECT_FIELDS, listElements, type ElementRow } from '../../lib/dicom';
import { load, sharedDicomDir } from './support';

const ct = path.join(sharedDicomDir, 'pydicom/CT_small.dcm');

describe('secondlook inspect', () => {
  it('prints exactly the inspect fields for one file', async () => {
    const io = capture();
    expect(await main(['inspect', ct, '--json'], io)).toBe(0);
    const record = JSON.parse(io.text());
    expect(Object.keys(record)).toEqual([...INSPECT_FIELDS]);
    expect(record).toMatchObject({
      modality: 'CT',
      rows: 128,
      columns: 128,
      rescaleIntercept: -1024,
      windowCenter: null,
    });
  });

  it('prints a readable table without --json', async () => {
    const io = capture();
    expect(await main(['inspect', ct], io)).toBe(0);
    expect(io.text()).toMatch(/photometricInterpretation\s+MONOCHROME2/);
  });

  it('walks a directory, reports the bad file in the array and exits 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
    mkdirSync(path.join(dir, 'sub'));
    copyFileSync(ct, path.join(dir, 'sub', 'ct.dcm'));
    copyFileSync(path.join(sharedDicomDir, 'pydicom/MR_small.dcm'), path.join(dir, 'mr.dcm'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not dicom');
    const io = capture();
    expect(await main(['inspect', dir, '--json'], io)).toBe(1);
    const results = JSON.parse(io.text()) as {
      file: string;
      error?: { code: string };
      modality?: string;
    }[];
    expect(results).toHaveLength(3);
    const bad = results.find((r) => r.file.endsWith('notes.txt'))!;
    expect(bad.error).toMatchObject({ code: 'NOT_DICOM', offset: 0 });
    expect(
      results
        .filter((r) => !r.error)
        .map((r) => r.modality)
        .sort(),
    ).toEqual(['CT', 'MR']);
  });

  it('a non-DICOM file: exit 2 and a JSON error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
    const file = path.join(dir, 'x.bin');
    writeFileSync(file, 'definitely not DICOM');
    const io = capture();
    expect(await main(['inspect', file, '--json'], io)).toBe(2);
    expect(JSON.parse(io.text())).toEqual({
      error: { code: 'NOT_DICOM', message: expect.any(String), offset: 0, file },
    });
  });

  it('a missing file: exit 2, one line on stderr, no stack trace', async () => {
    const io = capture();
    expect(await main(['inspect', '/no/such/file.dcm'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^secondlook: READ_FAILED: /);
    expect(io.err.join('')).not.toMatch(/\n\s+at /);
  });
});

describe('secondlook decode', () => {
  it('writes raw little-endian stored values and prints the shape', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'decode-')), 'ct.raw');
    const io = capture();
    expect(await main(['decode', ct, '--out', out], io)).toBe(0);
    expect(JSON.parse(io.text())).toEqual({
      rows: 128,
      columns: 128,
      samplesPerPixel: 1,
      dtype: 'int16',
      frame: 0,
      numberOfFrames: 1,
    });
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(128 * 128 * 2);
  });

  it('decodes a later frame of a multi-frame file', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'decode-')), 'f.raw');
    const io = capture();
    const file = path.join(sharedDicomDir, 'pydicom-data/emri_small_RLE.dcm');
    expect(await main(['decode', file, '--frame', '9', '--out', out], io)).toBe(0);
    expect(JSON.parse(io.text())).toMatchObject({ frame: 9, numberOfFrames: 10, dtype: 'uint16' });
  });

  it('a frame out of range: exit 2 and FRAME_OUT_OF_RANGE', async () => {
    const io = capture();
    expect(
      await main(['decode', ct, '--frame', '1', '--out', '/tmp/never-written.raw', '--json'], io),
    ).toBe(2);
    expect(JSON.parse(io.text()).error.code).toBe('FRAME_OUT_OF_RANGE');
  });

  it('a file without pixel data: exit 2 and NO_PIXEL_DATA', async () => {
    const io = capture();
    const sr = path.join(sharedDicomDir, 'cornerstone3D/no-pixel-data.dcm');
    expect(await main(['decode', sr, '--out', '/tmp/never-written.raw', '--json'], io)).toBe(2);
    expect(JSON.parse(io.text()).error).toMatchObject({ code: 'NO_PIXEL_DATA', file: sr });
  });

  it('without --out: exit 2 and USAGE', async () => {
    const io = capture();
    expect(await main(['decode', ct, '--json'], io)).toBe(2);
    expect(JSON.parse(io.text()).error.code).toBe('USAGE');
  });
});

describe('secondlook tags', () => {
  it("prints the tag browser's rows of a file, as JSON and as indented lines", async () => {
    const io = capture();
    expect(await main(['tags', ct, '--json'], io)).toBe(0);
    const listed = JSON.parse(io.text()) as { rows: ElementRow[]; truncated: boolean };
    expect(listed.rows).toEqual(listElements(load('pydicom/CT_small.dcm')).rows);
    expect(listed.truncated).toBe(false);
    const text = capture();
    expect(await main(['tags', ct], text)).toBe(0);
    const lines = text.text().split('\n');
    expect(lines).toContain('(0010,0010) PN [CompressedSamples^CT1]  # 22 bytes, PatientName');
    expect(lines).toContain('    (0010,0020) LO [ABCD1234]  # 8 bytes, PatientID');
    expect(lines).toContain(
      '(0009,1001) LO [GE_GENESIS_FF]  # 14 bytes, PrivateTag (GEMS_IDEN_01)',
    );
  });

  it('lists what a truncated file holds before the break, then says where it breaks (exit 1)', async () => {
    const truncated = path.join(sharedDicomDir, 'pydicom/MR_truncated.dcm');
    const io = capture();
    expect(await main(['tags', truncated, '--json'], io)).toBe(1);
    const listed = JSON.parse(io.text()) as {
      rows: ElementRow[];
      incomplete: { code: string; message: string };
    };
    expect(listed.incomplete).toMatchObject({ code: 'TRUNCATED' });
    expect(listed.incomplete.message).toContain('(7fe0,0010)');
    // dcmdump +E lists the same elements up to the Pixel Data it cannot read in full.
    const theirs = dcmdumpRows(truncated, { recover: true });
    expect(listed.rows.map((row) => row.tag)).toEqual(theirs.map((row) => row.tag));
    expect(listed.rows.at(-2)).toMatchObject({ tag: '(0028,1051)', value: '1600' });
    expect(listed.rows.at(-1)).toMatchObject({
      tag: '(7FE0,0010)',
      length: 8192,
      value: '(the value runs past the end of the file)',
    });
  });

  it('says why a file cannot be read, with its code', async () => {
    const io = capture();
    const notes = path.join(mkdtempSync(path.join(os.tmpdir(), 'tags-')), 'notes.txt');
    writeFileSync(notes, 'not dicom');
    expect(await main(['tags', notes, '--json'], io)).toBe(2);
    expect(JSON.parse(io.text())).toMatchObject({ error: { code: 'NOT_DICOM' } });
  });
});
