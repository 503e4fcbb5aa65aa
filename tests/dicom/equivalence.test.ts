/** The same image in many transfer syntaxes: every lossless one must equal the uncompressed. */
import { describe, expect, it } from 'vitest';
import { CODECS, decodeFrame, readPixelModule, toInspectRecord } from '../../lib/dicom';
import { allDicomFiles, load } from './support';

const files = allDicomFiles();

function lossless(rel: string): boolean {
  return !(CODECS[load(rel).encoding.transferSyntaxUID]?.lossy ?? true);
}

describe('the same image in every transfer syntax', () => {
  const groups: [string, string, (rel: string) => boolean][] = [
    [
      'cornerstone3D/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
      'CTImage (15 transfer syntaxes)',
      (rel) => rel.startsWith('cornerstone3D/CTImage.dcm_'),
    ],
    ['nema-wg04/MR1_UNC', 'WG04 MR1', (rel) => rel.startsWith('nema-wg04/MR1_')],
    [
      'pydicom/MR_small.dcm',
      'MR_small',
      (rel) =>
        /^pydicom\/MR_small(_(RLE|bigendian|expb|implicit|jp2klossless|jpeg_ls_lossless))?\.dcm$/.test(
          rel,
        ),
    ],
    [
      'pydicom-data/emri_small.dcm',
      'emri_small (10 frames)',
      (rel) => rel.startsWith('pydicom-data/emri_small') && !rel.includes('too_short'),
    ],
  ];
  for (const [uncompressed, name, member] of groups) {
    const members = files.filter((rel) => member(rel) && rel !== uncompressed && lossless(rel));
    it(`${name}: ${members.length} lossless variants equal ${uncompressed}`, async () => {
      expect(members.length).toBeGreaterThan(2);
      const base = load(uncompressed);
      const frames = readPixelModule(base).numberOfFrames;
      for (const rel of members) {
        const file = load(rel);
        expect(toInspectRecord(file).rows).toBe(toInspectRecord(base).rows);
        for (const f of [0, frames - 1]) {
          const a = await decodeFrame(base, f);
          const b = await decodeFrame(file, f);
          expect(b.dtype, rel).toBe(a.dtype);
          expect(
            Buffer.from(b.pixels.buffer, b.pixels.byteOffset, b.pixels.byteLength).equals(
              Buffer.from(a.pixels.buffer, a.pixels.byteOffset, a.pixels.byteLength),
            ),
            rel,
          ).toBe(true);
        }
      }
    });
  }

  it('every transfer syntax in the data has a codec', () => {
    const missing = new Set<string>();
    for (const rel of files) {
      try {
        const ts = load(rel).encoding.transferSyntaxUID;
        if (!CODECS[ts]) missing.add(`${ts} (${rel})`);
      } catch {
        // unreadable files are covered by malformed.test.ts
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('decodes 8-bit and 16-bit palettes to RGB', async () => {
    for (const rel of [
      'cornerstone3D/TestPattern_Palette_16.dcm',
      'pydicom/examples_palette.dcm',
    ]) {
      const frame = await decodeFrame(load(rel), 0);
      expect(frame).toMatchObject({
        samplesPerPixel: 3,
        photometricInterpretation: 'RGB',
        dtype: 'uint8',
      });
    }
  });
});
