/**
 * One regression test per malformed or unusual file flagged in MANIFEST.md, named after what is
 * wrong with it: a typed error (code and offset), or a documented partial/recovered read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame, parseDicom, readInstanceMetadata } from '../../lib/dicom';
import { SecondlookError } from '../../lib/errors';
import { load, sharedDicomDir } from './support';

function parseError(rel: string): SecondlookError {
  try {
    load(rel);
  } catch (error) {
    expect(error).toBeInstanceOf(SecondlookError);
    return error as SecondlookError;
  }
  throw new Error(`${rel} parsed without error`);
}

describe('malformed and unusual files', () => {
  it('truncated PixelData (MR_truncated): TRUNCATED at the Pixel Data value, partial read on request', () => {
    const error = parseError('pydicom/MR_truncated.dcm');
    expect(error.code).toBe('TRUNCATED');
    expect(error.offset).toBe(1500);
    expect(error.message).toMatch(/\(7fe0,0010\) claims 8192 bytes but only 8130 remain/);
    const bytes = new Uint8Array(
      readFileSync(path.join(sharedDicomDir, 'pydicom/MR_truncated.dcm')),
    );
    const partial = parseDicom(bytes, { allowPartial: true });
    expect(partial.incomplete?.code).toBe('TRUNCATED');
    expect(readInstanceMetadata(partial).rows).toBe(64);
    return expect(decodeFrame(partial, 0)).rejects.toMatchObject({ code: 'TRUNCATED' });
  });

  it('truncated dataset inside a sequence (rtplan_truncated): TRUNCATED with the offset', () => {
    const error = parseError('pydicom/rtplan_truncated.dcm');
    expect(error.code).toBe('TRUNCATED');
    expect(error.offset).toBe(1410);
  });

  it('stray byte before a meta-less dataset (no_meta): NOT_DICOM at offset 0, with a hint', () => {
    const error = parseError('pydicom/no_meta.dcm');
    expect(error.code).toBe('NOT_DICOM');
    expect(error.offset).toBe(0);
    expect(error.message).toMatch(/start at byte 1/);
  });

  it('DICOMDIR whose record offsets run past their sequence (DICOMDIR-nooffset): TRUNCATED', () => {
    const error = parseError('pydicom/dicomdirtests/DICOMDIR-nooffset');
    expect(error.code).toBe('TRUNCATED');
    expect(error.offset).toBe(384);
  });

  it('meta says JPEG Baseline but the dataset is implicit VR (SC_rgb_jpeg): read as implicit, pixels decode', async () => {
    const file = load('pydicom/SC_rgb_jpeg.dcm');
    expect(file.encoding.explicitVR).toBe(false);
    expect(file.encoding.transferSyntaxUID).toBe('1.2.840.10008.1.2.4.50');
    expect(file.warnings.join(' ')).toMatch(/implicit VR/);
    const frame = await decodeFrame(file, 0);
    expect(frame.photometricInterpretation).toBe('RGB');
    expect(frame.pixels.length).toBe(frame.rows * frame.columns * 3);
  });

  it('meta without a transfer syntax (meta_missing_tsyntax): read as implicit VR little endian', () => {
    const file = load('pydicom/meta_missing_tsyntax.dcm');
    expect(file.encoding.fileMetaTransferSyntaxUID).toBeNull();
    expect(file.encoding.transferSyntaxUID).toBe('1.2.840.10008.1.2');
    expect(file.warnings.join(' ')).toMatch(/no transfer syntax/);
  });

  it.each([
    ['pydicom/ExplVR_BigEndNoMeta.dcm', '1.2.840.10008.1.2.2'],
    ['pydicom/ExplVR_LitEndNoMeta.dcm', '1.2.840.10008.1.2.1'],
    ['pydicom/rtstruct.dcm', '1.2.840.10008.1.2'],
    ['pydicom-data/OT-PAL-8-face.dcm', '1.2.840.10008.1.2'],
  ])('no preamble and no file meta (%s): encoding sniffed as %s', (rel, ts) => {
    const file = load(rel);
    expect(file.encoding.hasFileMeta).toBe(false);
    expect(file.encoding.transferSyntaxUID).toBe(ts);
  });

  it.each(['pydicom-data/JLSL_RGB_ILV0.dcm', 'pydicom-data/JLSN_RGB_ILV0.dcm'])(
    'file meta without preamble, DICM or group length (%s): read',
    async (rel) => {
      const file = load(rel);
      expect(file.encoding.hasPreamble).toBe(false);
      expect(file.encoding.hasFileMeta).toBe(true);
      expect((await decodeFrame(file, 0)).samplesPerPixel).toBe(3);
    },
  );

  it('truncated J2K pixel data without a sequence delimiter (emri_small_jpeg_2k_lossless_too_short): frames still decode', async () => {
    const file = load('pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm');
    expect(file.warnings.join(' ')).toMatch(/delimiter/);
    const reference = load('pydicom-data/emri_small.dcm');
    const a = await decodeFrame(file, 0);
    const b = await decodeFrame(reference, 0);
    expect(Array.from(a.pixels)).toEqual(Array.from(b.pixels));
  });

  it('invalid J2K COM marker (966.dcm): DECODE_FAILED with the codec message, never stale pixels', async () => {
    const file = load('pylibjpeg-data/966.dcm');
    await expect(decodeFrame(file, 0)).rejects.toMatchObject({
      code: 'DECODE_FAILED',
      message: expect.stringMatching(/SOT/),
    });
    // The fixed file decodes after the failure: the shared decoder is not left broken.
    expect((await decodeFrame(load('pylibjpeg-data/966_fixed.dcm'), 0)).rows).toBe(2128);
  });

  it('sequence delimiter embedded in a J2K fragment: DECODE_FAILED (GDCM fails too)', async () => {
    const file = load('pydicom/JPEG2000-embedded-sequence-delimiter.dcm');
    await expect(decodeFrame(file, 0)).rejects.toMatchObject({ code: 'DECODE_FAILED' });
  });

  it('PixelData longer than needed (MR_small_padded): the padding is ignored', async () => {
    const a = await decodeFrame(load('pydicom/MR_small_padded.dcm'), 0);
    const b = await decodeFrame(load('pydicom/MR_small.dcm'), 0);
    expect(Array.from(a.pixels)).toEqual(Array.from(b.pixels));
  });

  it('odd-length 8-bit RGB in big endian OW (SC_rgb_small_odd_big_endian): words swapped back', async () => {
    const a = await decodeFrame(load('pydicom/SC_rgb_small_odd_big_endian.dcm'), 0);
    const b = await decodeFrame(load('pydicom/SC_rgb_small_odd.dcm'), 0);
    expect(Array.from(a.pixels)).toEqual(Array.from(b.pixels));
  });

  it('J2K signedness differs from PixelRepresentation (J2K_pixelrep_mismatch): int16 per the file', async () => {
    const frame = await decodeFrame(load('pydicom/J2K_pixelrep_mismatch.dcm'), 0);
    expect(frame.dtype).toBe('int16');
  });

  it.each([
    'pydicom/UN_sequence.dcm',
    'pydicom/nested_priv_SQ.dcm',
    'pydicom/priv_SQ.dcm',
    'pydicom/badVR.dcm',
    'pydicom-data/bad_sequence.dcm',
    'pydicom-data/explicit_VR-UN.dcm',
  ])('odd sequences or VRs (%s): parse without error', (rel) => {
    expect(() => load(rel)).not.toThrow();
  });

  it('not DICOM at all: NOT_DICOM at offset 0', () => {
    expect(() =>
      parseDicom(new TextEncoder().encode('hello, this is not a DICOM file at all')),
    ).toThrow(expect.objectContaining({ code: 'NOT_DICOM', offset: 0 }));
    expect(() => parseDicom(new Uint8Array(3))).toThrow(
      expect.objectContaining({ code: 'NOT_DICOM' }),
    );
  });
});
