/**
 * The series load the bench measures (bench/support/series-load.ts): real series read through
 * one reused buffer, decoded and written into a volume of the type the data allows, against
 * DCMTK's stored values rescaled; and what it relies on in lib/dicom: native frames decode as
 * views of the file's bytes, and masking to BitsStored never writes into those bytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVolume, ReusedFileReader } from '../../bench/support/series-load';
import { decodeFrame, parseDicom } from '../../lib/dicom';
import { compareValues, equalValues } from '../imaging/compare-values';
import { dcmtkModalityValues } from '../imaging/dcmtk-modality';
import { sharedDicomDir } from '../support/paths';

const ct3 = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);
const ct5n = ['2062', '2392', '2693', '3023', '3353'].map((name) =>
  path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001', 'CT5N', name),
);
const cornerstoneCt = (syntax: string) =>
  path.join(sharedDicomDir, 'cornerstone3D', `CTImage.dcm_${syntax}.dcm`);

function dcmtkVolume(files: string[]): Float64Array {
  const slices = files.map((file) => dcmtkModalityValues(file).hu);
  const out = new Float64Array(slices.reduce((sum, slice) => sum + slice.length, 0));
  slices.reduce((at, slice) => (out.set(slice, at), at + slice.length), 0);
  return out;
}

describe('series load into a volume', () => {
  it('dcmqi ct-3slice: an Int16 volume equal to the HU DCMTK reads', async () => {
    const volume = await loadVolume(ct3, 512, 512);
    expect([volume.type, volume.width, volume.height, volume.depth]).toEqual([
      'int16',
      512,
      512,
      3,
    ]);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(compareValues(volume.data, dcmtkVolume(ct3))).toEqual(equalValues(3 * 512 * 512));
  });

  it('after a 512x512 slice the reused buffer holds exactly the next, smaller file', async () => {
    const reader = new ReusedFileReader();
    reader.read(ct3[0]!);
    for (const file of ct5n) {
      expect(Buffer.from(reader.read(file)).equals(readFileSync(file))).toBe(true);
    }
    const volume = await loadVolume(ct5n, 16, 16);
    expect(volume.type).toBe('int16');
    expect(compareValues(volume.data, dcmtkVolume(ct5n))).toEqual(equalValues(5 * 16 * 16));
  });

  it('a slice with a fractional slope (2.0002442) makes the volume Float32, HU kept', async () => {
    const fractional = cornerstoneCt('JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51');
    const volume = await loadVolume([ct3[0]!, fractional], 512, 512);
    expect(volume.type).toBe('float32');
    expect(compareValues(volume.data.subarray(0, 512 * 512), dcmtkVolume([ct3[0]!]))).toEqual(
      equalValues(512 * 512),
    );
    const dicom = parseDicom(new Uint8Array(readFileSync(fractional)));
    const stored = (await decodeFrame(dicom, 0)).pixels;
    const hu = Array.from(stored, (value) => Math.fround(2.0002442 * value - 4047));
    expect(compareValues(volume.data.subarray(512 * 512), hu)).toEqual(equalValues(512 * 512));
  });

  it('a frame of another size is a BAD_SIZE error naming the file', async () => {
    await expect(loadVolume([ct3[0]!, ct5n[0]!], 512, 512)).rejects.toMatchObject({
      code: 'BAD_SIZE',
      file: ct5n[0],
    });
  });
});

describe('what the load relies on in lib/dicom', () => {
  it('a little-endian 16-bit native frame is a view of the file bytes, not a copy', async () => {
    for (const syntax of [
      'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1',
      'LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2',
    ]) {
      const dicom = parseDicom(new Uint8Array(readFileSync(cornerstoneCt(syntax))));
      const frame = await decodeFrame(dicom, 0);
      expect(frame.pixels.buffer).toBe(dicom.dataSet.byteArray.buffer);
    }
    // big endian needs its bytes swapped: a copy, the file untouched
    const bigEndian = cornerstoneCt('BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2');
    const dicom = parseDicom(new Uint8Array(readFileSync(bigEndian)));
    const before = Buffer.from(dicom.dataSet.byteArray);
    expect((await decodeFrame(dicom, 0)).pixels.buffer).not.toBe(dicom.dataSet.byteArray.buffer);
    expect(Buffer.from(dicom.dataSet.byteArray).equals(before)).toBe(true);
  });

  it('sign extension of 12 stored bits (IHE mlut_18) works on a copy, never the file bytes', async () => {
    const file = path.join(sharedDicomDir, 'pydicom-data', 'mlut_18.dcm');
    const bytes = new Uint8Array(readFileSync(file));
    const dicom = parseDicom(bytes);
    const first = await decodeFrame(dicom, 0);
    expect(first.pixels.buffer).not.toBe(bytes.buffer);
    expect(Buffer.from(bytes).equals(readFileSync(file))).toBe(true);
    // and the values really were changed by the sign extension (12-bit -1 is 0x0fff on disk)
    const el = dicom.dataSet.elements.x7fe00010!;
    const raw = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
    const changed = Array.from(first.pixels).filter(
      (v, i) => (v & 0xffff) !== raw.getUint16(2 * i, true),
    );
    expect(changed.length).toBeGreaterThan(1000);
    const again = await decodeFrame(dicom, 0);
    expect(compareValues(again.pixels, first.pixels)).toEqual(equalValues(first.pixels.length));
  });
});
