/**
 * Perceptually uniform colour maps for saliency overlays, as 256-entry RGB tables.
 *
 * The tables are generated from the degree-6 polynomial fits of matplotlib's viridis and
 * inferno (Stéfan van der Walt and Nathaniel Smith's maps, CC0) published by Matt Zucker,
 * "Colormap polynomials", https://www.shadertoy.com/view/WlfXRN (CC0). The fits stay within
 * about 1/255 of matplotlib's own tables; tests/imaging checks them against the matplotlib
 * tables that vtk.js ships.
 */
export type ColourMapName = 'viridis' | 'inferno';

type Poly = readonly [number, number, number];

const coefficients: Record<ColourMapName, readonly Poly[]> = {
  viridis: [
    [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
    [0.1050930431085774, 1.404613529898575, 1.384590162594685],
    [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
    [-4.634230498983486, -5.799100973351585, -19.33244095627987],
    [6.228269936347081, 14.17993336680509, 56.69055260068105],
    [4.776384997670288, -13.74514537774601, -65.35303263337234],
    [-5.435455855934631, 4.645852612178535, 26.3124352495832],
  ],
  inferno: [
    [0.0002189403691192265, 0.001651004631001012, -0.01948089843709184],
    [0.1065134194856116, 0.5639564367884091, 3.932712388889277],
    [11.60249308247187, -3.972853965665698, -15.9423941062914],
    [-41.70399613139459, 17.43639888205313, 44.35414519872813],
    [77.162935699427, -33.40235894210092, -81.80730925738993],
    [-71.31942824499214, 32.62606426397723, 73.20951985803202],
    [25.13112622477341, -12.24266895238567, -23.07032500287172],
  ],
};

function buildTable(polys: readonly Poly[]): Uint8Array {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    for (let channel = 0; channel < 3; channel++) {
      let value = 0;
      for (let power = polys.length - 1; power >= 0; power--) {
        value = value * t + (polys[power] as Poly)[channel]!;
      }
      table[i * 3 + channel] = Math.round(Math.min(1, Math.max(0, value)) * 255);
    }
  }
  return table;
}

/** name -> 256 x RGB, entry i for the value i / 255. */
export const colourMaps: Record<ColourMapName, Uint8Array> = {
  viridis: buildTable(coefficients.viridis),
  inferno: buildTable(coefficients.inferno),
};

/** Values in [0, 1] (clamped; NaN as 0) to interleaved RGB through a colour map. */
export function applyColourMap(values: ArrayLike<number>, name: ColourMapName): Uint8Array {
  const table = colourMaps[name];
  const out = new Uint8Array(values.length * 3);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const index = v > 0 ? Math.round(Math.min(1, v) * 255) * 3 : 0;
    out[i * 3] = table[index] as number;
    out[i * 3 + 1] = table[index + 1] as number;
    out[i * 3 + 2] = table[index + 2] as number;
  }
  return out;
}

/**
 * A heat map over a grey image: out = (1 - alpha) * grey + alpha * colour(heat), per channel,
 * rounded. `grey` is 8-bit single-channel, `heat` in [0, 1], both of the same size.
 */
export function overlayColourMap(
  grey: Uint8Array,
  heat: ArrayLike<number>,
  name: ColourMapName,
  alpha: number,
): Uint8Array {
  const colours = applyColourMap(heat, name);
  const out = new Uint8Array(grey.length * 3);
  for (let i = 0; i < grey.length; i++) {
    const g = grey[i] as number;
    for (let c = 0; c < 3; c++) {
      out[i * 3 + c] = Math.round((1 - alpha) * g + alpha * (colours[i * 3 + c] as number));
    }
  }
  return out;
}
