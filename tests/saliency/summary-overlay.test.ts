import { describe, expect, it } from 'vitest';
import { applyColourMap } from '../../lib/imaging';
import {
  colourBar,
  normaliseByMax,
  renderOverlay,
  summariseCam,
  upsampleToSource,
  type CamMap,
} from '../../lib/saliency';

function map(width: number, height: number, value: (x: number, y: number) => number): CamMap {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { width, height, data };
}

describe('CAM summary numbers', () => {
  it('finds the peak and counts the border band (hand-computed on a 100x100 map)', () => {
    const summary = summariseCam(map(100, 100, (x, y) => (x === 70 && y === 20 ? 5 : 1)));
    expect(summary.peak).toEqual({ x: 70, y: 20, value: 5 });
    // 10-pixel band: 10000 - 80*80 = 3600 pixels of value 1; total mass 9999 + 5.
    expect(summary.borderMass).toBeCloseTo(3600 / 10004, 12);
  });

  it('gives the top decile of a uniform map exactly 10% of the mass, of a sparse map all of it', () => {
    expect(summariseCam(map(50, 40, () => 0.3)).topDecileMass).toBeCloseTo(0.1, 12);
    const sparse = summariseCam(map(50, 40, (x) => (x < 4 ? x + 1 : 0)));
    expect(sparse.topDecileMass).toBe(1);
  });

  it('is exact across a histogram bin boundary (values differing in the 6th digit)', () => {
    const values = map(100, 1, (x) => 1 - x * 1e-6);
    // Top 10 of 1, 1-1e-6, ...: sum = 10 - 45e-6.
    const total = values.data.reduce((sum, value) => sum + value, 0);
    const expected = values.data.slice(0, 10).reduce((sum, value) => sum + value, 0) / total;
    expect(summariseCam(values).topDecileMass).toBeCloseTo(expected, 12);
  });

  it('matches a full sort on random maps smaller and larger than the histogram', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const [width, height] of [
      [7, 7],
      [14, 14],
      [64, 64],
      [300, 200],
    ] as const) {
      const values = map(width, height, () => (random() < 0.3 ? 0 : random() ** 3));
      const sorted = Array.from(values.data).sort((a, b) => b - a);
      const top = sorted.slice(0, Math.ceil(sorted.length * 0.1)).reduce((a, b) => a + b, 0);
      const total = sorted.reduce((a, b) => a + b, 0);
      expect(summariseCam(values).topDecileMass).toBeCloseTo(top / total, 12);
    }
  });

  it('reports zeros for an all-zero map', () => {
    const summary = summariseCam(map(7, 7, () => 0));
    expect(summary).toMatchObject({ topDecileMass: 0, borderMass: 0, peak: { value: 0 } });
  });
});

describe('mapping a CAM onto the source image', () => {
  it('fills the centre square the model saw and leaves the rest zero', () => {
    const grid = map(7, 7, () => 0.5);
    const source = upsampleToSource(
      grid,
      { width: 300, height: 200 },
      { left: 50, top: 0, size: 200 },
    );
    expect([source.width, source.height]).toEqual([300, 200]);
    expect(source.data[0]).toBe(0);
    expect(source.data[49]).toBe(0);
    expect(source.data[50]).toBeCloseTo(0.5, 6);
    expect(source.data[199 * 300 + 249]).toBeCloseTo(0.5, 6);
    expect(source.data[199 * 300 + 250]).toBe(0);
  });

  it('puts a single-cell peak at that cell of the source', () => {
    const grid = map(7, 7, (x, y) => (x === 5 && y === 1 ? 1 : 0));
    const summary = summariseCam(
      upsampleToSource(grid, { width: 280, height: 280 }, { left: 0, top: 0, size: 280 }),
    );
    expect([Math.floor(summary.peak.x / 40), Math.floor(summary.peak.y / 40)]).toEqual([5, 1]);
  });
});

describe('overlay rendering', () => {
  it('normalises by the maximum and renders opacity proportional to the value', () => {
    const grid = map(2, 1, (x) => (x === 0 ? 2 : 1));
    expect(normaliseByMax(grid)).toBe(2);
    const overlay = renderOverlay(grid, 2, { maxAlpha: 1, colourMap: 'viridis' });
    const colours = applyColourMap([1, 0.5], 'viridis');
    expect(Array.from(overlay.rgba)).toEqual([
      ...colours.slice(0, 3),
      255,
      ...colours.slice(3, 6),
      128,
    ]);
  });

  it('labels the colour bar with un-normalised values', () => {
    const bar = colourBar('inferno', 0.08, 3);
    expect(bar.map((stop) => [stop.position, stop.value])).toEqual([
      [0, 0],
      [0.5, 0.04],
      [1, 0.08],
    ]);
    expect(bar[2]!.rgb).toEqual(Array.from(applyColourMap([1], 'inferno')));
  });
});
