/**
 * The VOI LUT functions of PS3.3 C.11.2.1.2 / C.11.2.1.3, checked at values worked out by
 * hand from the standard's formulas (the arithmetic is in each comment), with ymin 0, ymax 255.
 */
import { describe, expect, it } from 'vitest';
import { applyVoi, checkWindow, voiLinear, voiLinearExact, voiSigmoid } from '../../lib/imaging';

describe('VOI LUT function LINEAR (C.11.2.1.2.1)', () => {
  // c = 100.5, w = 101: (w - 1) / 2 = 50, so the edges are c - 0.5 -/+ 50 = 50 and 150,
  // and inside y = ((x - 100) / 100 + 0.5) * 255.
  const y = (x: number) => voiLinear(x, 100.5, 101, 0, 255);

  it('is ymin at and below the lower edge x <= 50', () => {
    expect(y(50)).toBe(0);
    expect(y(-1000)).toBe(0);
  });
  it('is ymax only above the upper edge x > 150; x = 150 is the last ramp value', () => {
    // x = 150: ((150 - 100) / 100 + 0.5) * 255 = 1.0 * 255 = 255 (ramp branch).
    expect(y(150)).toBeCloseTo(255, 12);
    expect(y(150.001)).toBe(255);
  });
  it('ramps linearly in between', () => {
    expect(y(50.5)).toBeCloseTo(1.275, 12); // (-49.5 / 100 + 0.5) * 255 = 0.005 * 255
    expect(y(75)).toBeCloseTo(63.75, 12); // (-25 / 100 + 0.5) * 255 = 0.25 * 255
    expect(y(100)).toBeCloseTo(127.5, 12); // (0 + 0.5) * 255
  });
  it('is offset by half a unit from LINEAR_EXACT (c = 40, w = 400 at x = 40)', () => {
    // LINEAR: ((40 - 39.5) / 399 + 0.5) * 255 = (0.0012531 + 0.5) * 255 = 127.81955
    expect(voiLinear(40, 40, 400, 0, 255)).toBeCloseTo(127.81955, 4);
    // LINEAR_EXACT: ((40 - 40) / 400 + 0.5) * 255 = 127.5
    expect(voiLinearExact(40, 40, 400, 0, 255)).toBe(127.5);
  });
  it('is a threshold at c - 0.5 when w = 1 (c = 10)', () => {
    expect(voiLinear(9.5, 10, 1, 0, 255)).toBe(0); // 9.5 <= 10 - 0.5 - 0
    expect(voiLinear(9.6, 10, 1, 0, 255)).toBe(255); // 9.6 > 10 - 0.5 + 0
  });
});

describe('VOI LUT function LINEAR_EXACT (C.11.2.1.3.2)', () => {
  // c = 100, w = 100: edges c -/+ w/2 = 50 and 150; inside y = ((x - 100) / 100 + 0.5) * 255.
  const y = (x: number) => voiLinearExact(x, 100, 100, 0, 255);
  it('clamps at x <= 50 and x > 150', () => {
    expect(y(50)).toBe(0);
    expect(y(150)).toBe(255); // ramp branch: (50 / 100 + 0.5) * 255
    expect(y(150.001)).toBe(255);
  });
  it('ramps in between', () => {
    expect(y(50.5)).toBeCloseTo(1.275, 12); // (-49.5 / 100 + 0.5) * 255
    expect(y(75)).toBeCloseTo(63.75, 12); // 0.25 * 255
    expect(y(125)).toBeCloseTo(191.25, 12); // 0.75 * 255
  });
  it('accepts widths below 1, which LINEAR refuses', () => {
    expect(() => checkWindow(0, 0.5, 'LINEAR_EXACT')).not.toThrow();
    expect(() => checkWindow(0, 0.5, 'LINEAR')).toThrow(/width must be >= 1/);
    expect(() => checkWindow(0, 0, 'SIGMOID')).toThrow(/width must be > 0/);
  });
});

describe('VOI LUT function SIGMOID (C.11.2.1.3.1)', () => {
  // c = 0, w = 4: y = 255 / (1 + exp(-4 x / 4)) = 255 / (1 + exp(-x)).
  const y = (x: number) => voiSigmoid(x, 0, 4, 0, 255);
  it('is half way at the centre', () => expect(y(0)).toBe(127.5)); // 255 / (1 + 1)
  it('is 3/4 and 1/4 of the range at x = +/- ln 3', () => {
    expect(y(Math.log(3))).toBeCloseTo(191.25, 10); // 255 / (1 + 1/3) = 255 * 3/4
    expect(y(-Math.log(3))).toBeCloseTo(63.75, 10); // 255 / (1 + 3) = 255 / 4
  });
  it('never clamps: it only approaches ymin and ymax', () => {
    expect(y(20)).toBeLessThan(255); // 255 / (1 + e^-20) = 255 / (1 + 2.06e-9) = 254.99999947
    expect(y(20)).toBeCloseTo(255, 5);
    expect(y(-20)).toBeGreaterThan(0); // 255 / (1 + e^20) = 5.25e-7
  });
  it('follows the centre and width (c = 40, w = 400 at x = 140: exp(-1))', () => {
    // 255 / (1 + exp(-4 * 100 / 400)) = 255 / (1 + 0.36787944) = 186.41994
    expect(voiSigmoid(140, 40, 400, 0, 255)).toBeCloseTo(186.41994, 4);
  });
});

describe('applyVoi over arrays', () => {
  it('uses ymin 0 and ymax 1 for each function', () => {
    const x = new Float32Array([50, 75, 100, 151]);
    const linear = applyVoi(x, { kind: 'window', fn: 'LINEAR', center: 100.5, width: 101 });
    expect(Array.from(linear)).toEqual([0, 0.25, 0.5, 1]);
    const exact = applyVoi(x, { kind: 'window', fn: 'LINEAR_EXACT', center: 100, width: 100 });
    expect(Array.from(exact)).toEqual([0, 0.25, 0.5, 1]);
    const sigmoid = applyVoi(new Float32Array([0]), {
      kind: 'window',
      fn: 'SIGMOID',
      center: 0,
      width: 4,
    });
    expect(sigmoid[0]).toBe(0.5);
  });
  it('refuses a LINEAR window narrower than 1 with a coded error', () => {
    expect(() =>
      applyVoi(new Float32Array(1), { kind: 'window', fn: 'LINEAR', center: 0, width: 0.5 }),
    ).toThrow(expect.objectContaining({ code: 'BAD_WINDOW' }));
  });
});
