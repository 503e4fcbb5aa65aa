/**
 * The colour maps against matplotlib's own viridis and inferno tables, as shipped
 * (256 points each) in vtk.js's ColorMaps.json, an independent copy of the published tables.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyColourMap, colourMaps, overlayColourMap } from '../../lib/imaging';

interface VtkColourMap {
  Name: string;
  RGBPoints?: number[];
}

function vtkTable(name: string): number[] {
  const require = createRequire(import.meta.url);
  const file =
    require.resolve('@kitware/vtk.js/Rendering/Core/ColorTransferFunction/ColorMaps.json.js');
  const source = readFileSync(file, 'utf8');
  const json = JSON.parse(
    JSON.parse(source.slice(source.indexOf('JSON.parse(') + 11, source.lastIndexOf(')'))),
  );
  const map = (json as VtkColourMap[]).find((entry) => entry.Name === name);
  if (!map?.RGBPoints) throw new Error(`${name} not in vtk.js colour maps`);
  return map.RGBPoints;
}

describe.each([
  ['viridis', 'Viridis (matplotlib)'],
  ['inferno', 'Inferno (matplotlib)'],
] as const)('%s', (ours, vtkName) => {
  it('equals matplotlib, rounded to 8 bits, at every one of the 256 entries', () => {
    const points = vtkTable(vtkName);
    expect(points.length).toBe(256 * 4);
    let worst = 0;
    for (let i = 0; i < 256; i++) {
      for (let c = 0; c < 3; c++) {
        const reference = points[i * 4 + 1 + c]! * 255;
        worst = Math.max(worst, Math.abs(colourMaps[ours][i * 3 + c]! - reference));
      }
    }
    expect(worst).toBeLessThanOrEqual(0.5);
  });
});

describe('applying colour maps', () => {
  it('maps 0 and 1 to the first and last entries and clamps outside', () => {
    const rgb = applyColourMap([0, 1, -5, 7, Number.NaN], 'viridis');
    const first = Array.from(colourMaps.viridis.subarray(0, 3));
    const last = Array.from(colourMaps.viridis.subarray(765, 768));
    expect(Array.from(rgb)).toEqual([...first, ...last, ...first, ...last, ...first]);
  });
  it('blends a heat map over grey: (1 - a) * grey + a * colour', () => {
    const [r, g, b] = Array.from(colourMaps.inferno.subarray(765, 768));
    const out = overlayColourMap(new Uint8Array([100]), [1], 'inferno', 0.25);
    expect(Array.from(out)).toEqual([r!, g!, b!].map((c) => Math.round(0.75 * 100 + 0.25 * c)));
  });
});
