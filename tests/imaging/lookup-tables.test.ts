/**
 * Modality LUT (rescale and Modality LUT Sequence), VOI LUT Sequence, MONOCHROME1 order and the
 * automatic window, with values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  applyModalityLut,
  autoWindow,
  renderDisplay,
  type DisplayParams,
  type FramePixels,
} from '../../lib/imaging';

const noVoi: DisplayParams = {
  photometricInterpretation: 'MONOCHROME2',
  rescaleSlope: 1,
  rescaleIntercept: 0,
  modalityLut: null,
  windows: [],
  voiLutFunction: null,
  voiLuts: [],
};

function frame(pixels: Int16Array | Uint16Array, photometric = 'MONOCHROME2'): FramePixels {
  return {
    rows: 1,
    columns: pixels.length,
    samplesPerPixel: 1,
    photometricInterpretation: photometric,
    pixels,
  };
}

describe('Modality LUT stage (C.11.1)', () => {
  it('rescales: HU = slope * stored + intercept', () => {
    const hu = applyModalityLut(new Int16Array([0, 1000, 1024, -2000]), {
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      modalityLut: null,
    });
    expect(Array.from(hu)).toEqual([-1024, -24, 0, -3024]);
    const scaled = applyModalityLut(new Uint16Array([3]), {
      rescaleSlope: 2.5,
      rescaleIntercept: 10,
      modalityLut: null,
    });
    expect(scaled[0]).toBe(17.5); // 2.5 * 3 + 10
  });

  it('rescales 16-bit samples alike on the two-per-read fast path and the plain loop', () => {
    const ct = { rescaleSlope: 1, rescaleIntercept: -1024, modalityLut: null };
    // -32768 - 1024 = -33792, -1 - 1024 = -1025, ..., 32767 - 1024 = 31743 (odd count: the
    // last sample is done on its own)
    const expected = [-33792, -1025, -1024, -1023, 31743];
    const aligned = Int16Array.from([-32768, -1, 0, 1, 32767]);
    expect(Array.from(applyModalityLut(aligned, ct))).toEqual(expected);
    // a view starting at byte 2 cannot be read as 32-bit words: the plain loop, same values
    const unaligned = Int16Array.from([7, -32768, -1, 0, 1, 32767]).subarray(1);
    expect(unaligned.byteOffset % 4).toBe(2);
    expect(Array.from(applyModalityLut(unaligned, ct))).toEqual(expected);
    // unsigned, 2 * x + 0.5: 0.5, 2.5, 65536.5, 131070.5 (high halves must not sign-extend)
    const unsigned = Uint16Array.from([0, 1, 32768, 65535]);
    const scaled = { rescaleSlope: 2, rescaleIntercept: 0.5, modalityLut: null };
    expect(Array.from(applyModalityLut(unsigned, scaled))).toEqual([0.5, 2.5, 65536.5, 131070.5]);
  });

  it('looks up a Modality LUT Sequence with first/last-entry clamping', () => {
    // descriptor [4 entries, first mapped value 10, 16 bits]: 10->100, 11->200, 12->300, 13->400
    const lut = { descriptor: [4, 10, 16] as const, data: new Uint16Array([100, 200, 300, 400]) };
    const out = applyModalityLut(new Int16Array([5, 10, 12, 13, 20]), {
      rescaleSlope: 7, // ignored: a Modality LUT Sequence replaces the rescale
      rescaleIntercept: 7,
      modalityLut: lut,
    });
    expect(Array.from(out)).toEqual([100, 100, 300, 400, 400]);
  });

  it('reads descriptor[0] = 0 as 65536 entries and rejects LUT data that is too short', () => {
    const full = { descriptor: [0, 0, 16] as const, data: new Uint16Array(65536).map((_, i) => i) };
    const out = applyModalityLut(new Uint16Array([65535]), {
      rescaleSlope: 1,
      rescaleIntercept: 0,
      modalityLut: full,
    });
    expect(out[0]).toBe(65535);
    const short = { descriptor: [8, 0, 16] as const, data: new Uint16Array(4) };
    expect(() =>
      applyModalityLut(new Uint16Array([1]), {
        rescaleSlope: 1,
        rescaleIntercept: 0,
        modalityLut: short,
      }),
    ).toThrow(expect.objectContaining({ code: 'BAD_LUT' }));
  });
});

describe('VOI LUT Sequence (C.11.2.1.1)', () => {
  it('maps through the LUT and scales by 2^bits - 1', () => {
    // descriptor [3 entries, first -1, 8 bits]: -1->0, 0->128, 1->255; full scale 2^8 - 1 = 255
    const lut = { descriptor: [3, -1, 8] as const, data: new Uint16Array([0, 128, 255]) };
    const out = renderDisplay(frame(new Int16Array([-5, -1, 0, 1, 9])), {
      ...noVoi,
      voiLuts: [lut],
    });
    expect(out.voiSource).toBe('file-lut');
    expect(Array.from(out.data)).toEqual([0, 0, 128, 255, 255]);
  });
  it('uses the largest entry as full scale when entries exceed the declared bits', () => {
    // declares 8 bits but holds 10-bit values: full scale becomes 1020; 510 / 1020 * 255 = 127.5
    const lut = { descriptor: [2, 0, 8] as const, data: new Uint16Array([510, 1020]) };
    const out = renderDisplay(frame(new Int16Array([0, 1])), { ...noVoi, voiLuts: [lut] });
    expect(Array.from(out.data)).toEqual([128, 255]);
  });
  it('gives way to a window when the file has both', () => {
    const lut = { descriptor: [1, 0, 8] as const, data: new Uint16Array([0]) };
    const params = { ...noVoi, voiLuts: [lut], windows: [{ center: 100.5, width: 101 }] };
    expect(renderDisplay(frame(new Int16Array([75])), params).voiSource).toBe('file-window');
  });
});

describe('MONOCHROME1 is inverted after VOI, never before', () => {
  // Window c = 100.5, w = 101 gives VOI 0, 0.25, 0.5, 1 for stored 50, 75, 100, 150 (see the
  // LINEAR tests); MONOCHROME1 then shows 1 - y: 255, 191.25 -> 191, 127.5 -> 128, 0.
  const params = { ...noVoi, windows: [{ center: 100.5, width: 101 }] };
  const pixels = new Uint16Array([50, 75, 100, 150]);

  it('inverts the windowed values', () => {
    const out = renderDisplay(frame(pixels, 'MONOCHROME1'), {
      ...params,
      photometricInterpretation: 'MONOCHROME1',
    });
    expect(out.inverted).toBe(true);
    expect(Array.from(out.data)).toEqual([255, 191, 128, 0]);
  });
  it('differs from inverting the stored values first (which would push them out of the window)', () => {
    // Inverting 12-bit stored values first (4095 - x) would give 4045..3945: all above 150,
    // so every pixel would be white (255) after the window; the right order keeps the ramp.
    const mono2 = renderDisplay(frame(pixels), params);
    expect(Array.from(mono2.data)).toEqual([0, 64, 128, 255]); // 63.75 -> 64, 127.5 -> 128
  });
  it('--invert flips a MONOCHROME1 image back to MONOCHROME2 order', () => {
    const out = renderDisplay(frame(pixels, 'MONOCHROME1'), params, { invert: true });
    expect(out.inverted).toBe(false);
    expect(Array.from(out.data)).toEqual([0, 64, 128, 255]);
  });
});

describe('automatic window from histogram percentiles', () => {
  it('ignores a few outliers that min/max would chase', () => {
    // 0..999 plus two padding values -32768: 1002 values. 0.5% of 1002 = 5.01 -> the 6th value
    // (two paddings, then 0, 1, 2, 3) = 3; 99.5% = 996.99 -> value v with v + 3 >= 996.99, v = 994.
    const values = Int16Array.from({ length: 1002 }, (_, i) => (i < 2 ? -32768 : i - 2));
    expect(autoWindow(values)).toEqual({ center: (3 + 994) / 2, width: 994 - 3 });
  });
  it('interpolates inside a bin for non-integer data', () => {
    // 0, 0.001, ..., 0.999: 0.5% of 1000 = the 5th value, 0.004; 99.5% = the 995th, 0.994;
    // each is found to within one of 4096 bins (0.999 / 4096 = 0.00024), so the centre is
    // (0.004 + 0.994) / 2 = 0.499 to within 0.00025, and the width 0.99 is raised to 1
    // (LINEAR needs w >= 1).
    const values = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const window = autoWindow(values, { low: 0.5, high: 99.5 });
    expect(Math.abs(window.center - 0.499)).toBeLessThan(0.00025);
    expect(window.width).toBe(1);
  });
  it('is used when the file has no window and no VOI LUT', () => {
    const out = renderDisplay(frame(new Int16Array([0, 50, 100])), noVoi);
    expect(out.voiSource).toBe('auto');
  });
});
