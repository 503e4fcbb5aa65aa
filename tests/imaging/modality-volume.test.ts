/**
 * ModalityVolumeBuilder: the volume's type follows the data (Int16 for an integral rescale whose
 * values fit, Uint16 for unsigned values beyond Int16, Float32 for everything else), and every
 * path gives the values of the reference: DCMTK's stored values rescaled (dcmtk-modality.ts) for
 * real uncompressed CT, and slope * stored + intercept rounded to float32 where the stored
 * values come from lib/dicom's decoder (checked against DCMTK and GDCM in tests/dicom).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame, parseDicom, readPixelModule, type PixelModule } from '../../lib/dicom';
import { applyModalityLut, ModalityVolumeBuilder, type NumericArray } from '../../lib/imaging';
import { sharedDicomDir } from '../support/paths';
import { compareValues, equalValues } from './compare-values';
import { dcmtkModalityValues } from './dcmtk-modality';

const ct3 = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);
const ct5n = ['2062', '2392', '2693', '3023', '3353'].map((name) =>
  path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001', 'CT5N', name),
);
const crs = ['CR1/6154', 'CR2/6247', 'CR3/6278'].map((name) =>
  path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033', name),
);

async function decoded(file: string): Promise<{ pixels: NumericArray; pm: PixelModule }> {
  const dicom = parseDicom(new Uint8Array(readFileSync(file)), { file });
  return { pixels: (await decodeFrame(dicom, 0)).pixels, pm: readPixelModule(dicom) };
}

async function build(files: string[]): Promise<ModalityVolumeBuilder> {
  const slices = await Promise.all(files.map(decoded));
  const first = slices[0]!.pixels.length;
  const volume = new ModalityVolumeBuilder(first, files.length);
  slices.forEach((slice, index) => volume.writeSlice(index, slice.pixels, slice.pm));
  return volume;
}

/** slope * stored + intercept as float32, the value a Float32 volume must hold. */
function float32Reference(pixels: NumericArray, slope: number, intercept: number): number[] {
  return Array.from(pixels, (stored) => Math.fround(slope * stored + intercept));
}

const ct = { rescaleSlope: 1, rescaleIntercept: -1024, modalityLut: null };

describe('ModalityVolumeBuilder on real data', () => {
  it('dcmqi ct-3slice (slope 1, intercept -1024): Int16 holding the HU DCMTK reads', async () => {
    const volume = await build(ct3);
    expect(volume.type).toBe('int16');
    expect(volume.data).toBeInstanceOf(Int16Array);
    const slice = 512 * 512;
    ct3.forEach((file, index) => {
      const reference = dcmtkModalityValues(file);
      expect([reference.slope, reference.intercept]).toEqual([1, -1024]);
      const ours = volume.data.subarray(index * slice, (index + 1) * slice);
      expect(compareValues(ours, reference.hu)).toEqual(equalValues(slice));
    });
  });

  it('pydicom CT5N (one pixel data element 2 bytes off a word): Int16 = DCMTK', async () => {
    const offsets = await Promise.all(ct5n.map(async (f) => (await decoded(f)).pixels.byteOffset));
    expect(new Set(offsets.map((offset) => offset % 4))).toEqual(new Set([0, 2]));
    const volume = await build(ct5n);
    expect(volume.type).toBe('int16');
    const hu = ct5n.flatMap((file) => Array.from(dcmtkModalityValues(file).hu));
    expect(compareValues(volume.data, hu)).toEqual(equalValues(5 * 16 * 16));
  });

  it('pydicom CR (slope 0.684, intercept 200): Float32 = fround(slope * stored + intercept)', async () => {
    const volume = await build(crs);
    expect(volume.type).toBe('float32');
    const expected = (await Promise.all(crs.map(decoded))).flatMap(({ pixels, pm }) => {
      expect([pm.rescaleSlope, pm.rescaleIntercept]).toEqual([0.684, 200]);
      return float32Reference(pixels, 0.684, 200);
    });
    expect(compareValues(volume.data, expected)).toEqual(equalValues(3 * 16 * 16));
  });

  it('integral CT slices, then a real CT with slope 2.0002442: promoted to Float32, HU kept', async () => {
    const fractional = path.join(
      sharedDicomDir,
      'cornerstone3D',
      'CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm',
    );
    const volume = await build([...ct3.slice(0, 2), fractional]);
    expect(volume.type).toBe('float32');
    const slice = 512 * 512;
    ct3.slice(0, 2).forEach((file, index) => {
      const ours = volume.data.subarray(index * slice, (index + 1) * slice);
      expect(compareValues(ours, dcmtkModalityValues(file).hu)).toEqual(equalValues(slice));
    });
    const last = await decoded(fractional);
    expect([last.pm.rescaleSlope, last.pm.rescaleIntercept]).toEqual([2.0002442, -4047]);
    const lastHu = float32Reference(last.pixels, 2.0002442, -4047);
    expect(compareValues(volume.data.subarray(2 * slice), lastHu)).toEqual(equalValues(slice));
  });

  it('a real CT with its padding value -32768: -33792 HU does not fit Int16, so Float32', async () => {
    const file = path.join(
      sharedDicomDir,
      'cornerstone3D',
      'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
    );
    const { pixels, pm } = await decoded(file);
    const padded = Int16Array.from(pixels as Int16Array);
    padded[0] = -32768; // (0028,0120) PixelPaddingValue of this very file
    const volume = new ModalityVolumeBuilder(padded.length, 2);
    volume.writeSlice(0, pixels, pm);
    expect(volume.type).toBe('int16');
    volume.writeSlice(1, padded, pm);
    expect(volume.type).toBe('float32');
    const reference = dcmtkModalityValues(file).hu;
    expect(compareValues(volume.data.subarray(0, padded.length), reference)).toEqual(
      equalValues(padded.length),
    );
    expect(volume.data[padded.length]).toBe(-33792);
    expect(compareValues(volume.data.subarray(padded.length + 1), reference.subarray(1))).toEqual(
      equalValues(padded.length - 1),
    );
  });

  it('Modality LUT Sequence (IHE mlut_18) and float pixel data: Float32, as applyModalityLut', async () => {
    for (const name of ['mlut_18.dcm', 'parametric_map_float.dcm']) {
      const { pixels, pm } = await decoded(path.join(sharedDicomDir, 'pydicom-data', name));
      const volume = new ModalityVolumeBuilder(pixels.length, 1);
      volume.writeSlice(0, pixels, pm);
      expect(volume.type).toBe('float32');
      expect(compareValues(volume.data, applyModalityLut(pixels, pm))).toEqual(
        equalValues(pixels.length),
      );
    }
  });
});

describe('ModalityVolumeBuilder type choice, by hand', () => {
  const write = (slices: NumericArray[], transform = ct) => {
    const volume = new ModalityVolumeBuilder(slices[0]!.length, slices.length);
    slices.forEach((pixels, index) => volume.writeSlice(index, pixels, transform));
    return volume;
  };

  it('Int16 up to its edges: -31744 - 1024 = -32768 fits, -31745 - 1024 does not', () => {
    const edge = Int16Array.from([-31744, 0, 32767, 1024]);
    const volume = write([edge]);
    expect(volume.type).toBe('int16');
    expect(Array.from(volume.data)).toEqual([-32768, -1024, 31743, 0]);
    const beyond = write([Int16Array.from([-31745, 0, 1, 2])]);
    expect(beyond.type).toBe('float32');
    expect(Array.from(beyond.data)).toEqual([-32769, -1024, -1023, -1022]);
    // +1024: 31743 + 1024 = 32767 fits, 31744 + 1024 needs Uint16 (nothing negative)
    const up = { ...ct, rescaleIntercept: 1024 };
    expect(write([Int16Array.from([31743, 0, 5, 6])], up).type).toBe('int16');
    const high = write([Int16Array.from([31744, 0, 5, 6])], up);
    expect(high.type).toBe('uint16');
    expect(Array.from(high.data)).toEqual([32768, 1024, 1029, 1030]);
  });

  it('unsigned data beyond 32767: Uint16; a later slice with negatives makes it Float32', () => {
    const bright = Uint16Array.from([0, 40000, 65535, 7]);
    const volume = write([bright, Uint16Array.from([1, 2, 3, 4])], {
      ...ct,
      rescaleIntercept: 0,
    });
    expect(volume.type).toBe('uint16');
    expect(volume.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(volume.data)).toEqual([0, 40000, 65535, 7, 1, 2, 3, 4]);
    const mixed = new ModalityVolumeBuilder(4, 2);
    mixed.writeSlice(0, bright, { ...ct, rescaleIntercept: 0 });
    mixed.writeSlice(1, Int16Array.from([-1, 0, 1, 2]), { ...ct, rescaleIntercept: 0 });
    expect(mixed.type).toBe('float32');
    expect(Array.from(mixed.data)).toEqual([0, 40000, 65535, 7, -1, 0, 1, 2]);
  });

  it('integral slope 2 and 8-/32-bit samples take the general loop, same values', () => {
    const twice = write([Int16Array.from([-3, 0, 100, 16000])], { ...ct, rescaleSlope: 2 });
    expect(twice.type).toBe('int16');
    expect(Array.from(twice.data)).toEqual([-1030, -1024, -824, 30976]);
    const doubled = write([Int16Array.from([0, 1, 2, 16500])], {
      ...ct,
      rescaleSlope: 2,
      rescaleIntercept: 0,
    });
    expect(doubled.type).toBe('uint16');
    expect(Array.from(doubled.data)).toEqual([0, 2, 4, 33000]);
    expect(Array.from(write([Uint8Array.from([0, 255, 3, 4])]).data)).toEqual([
      -1024, -769, -1021, -1020,
    ]);
    const wide = write([Int32Array.from([0, 100000, 5, 6])], { ...ct, rescaleIntercept: 0 });
    expect(wide.type).toBe('float32');
    expect(Array.from(wide.data)).toEqual([0, 100000, 5, 6]);
  });

  it('the two-samples-per-word path agrees with the general loop at every offset', () => {
    // stored values around the edges, in buffers read at byte offsets 0, 2, 4, 6: signed
    // -28000 .. 31597 (with -4000 some leave Int16), unsigned 0 .. 59597 (32768 and more
    // leave the word path; with -1024, 0 .. 32767 stay on it)
    const spread = Array.from({ length: 64 }, (_, i) => (i * 977) % 60000);
    const cases = [
      { Type: Int16Array, values: spread.map((v) => v - 28000) },
      { Type: Uint16Array, values: spread },
      { Type: Uint16Array, values: spread.map((v) => v % 32768) },
    ];
    for (const { Type, values } of cases) {
      const buffer = new Type(values.length + 4);
      for (const skip of [0, 1, 2, 3]) {
        buffer.set(values, skip);
        const view = buffer.subarray(skip, skip + values.length);
        for (const intercept of [-1024, -4000, 0, 3000]) {
          const volume = write([view], { ...ct, rescaleIntercept: intercept });
          const exact = values.map((v) => v + intercept);
          const int16 = exact.every((v) => v >= -32768 && v <= 32767);
          const uint16 = exact.every((v) => v >= 0 && v <= 65535);
          expect(volume.type).toBe(int16 ? 'int16' : uint16 ? 'uint16' : 'float32');
          expect(Array.from(volume.data)).toEqual(exact);
        }
      }
    }
    // 12-bit-style unsigned CT: 0 .. 4095 - 1024 is Int16; 32768 - 1024 = 31744 still is
    const unsigned = write([Uint16Array.from([0, 4095, 32768, 1024])]);
    expect(unsigned.type).toBe('int16');
    expect(Array.from(unsigned.data)).toEqual([-1024, 3071, 31744, 0]);
  });

  it('rejects a slice of the wrong length or outside the volume, and a volume of no size', () => {
    const volume = new ModalityVolumeBuilder(4, 2);
    expect(() => volume.writeSlice(0, new Int16Array(3), ct)).toThrow(
      expect.objectContaining({ code: 'BAD_SIZE' }),
    );
    expect(() => volume.writeSlice(2, new Int16Array(4), ct)).toThrow(
      expect.objectContaining({ code: 'BAD_SIZE' }),
    );
    expect(() => new ModalityVolumeBuilder(0, 3)).toThrow(
      expect.objectContaining({ code: 'BAD_SIZE' }),
    );
  });
});
