/**
 * The demo's chest CT phantom in Hounsfield units, and the seeded noise it and the radiograph
 * (radiograph.ts) draw on: every run writes the same bytes, so a second import is a no-op.
 */

/** A small deterministic PRNG (mulberry32) returning values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

function inside(e: Ellipse, x: number, y: number): boolean {
  const dx = (x - e.cx) / e.rx;
  const dy = (y - e.cy) / e.ry;
  return dx * dx + dy * dy <= 1;
}

/**
 * One axial slice of a chest phantom, HU values. `z` runs from 0 (lung apex) to 1 (lung base).
 * Air outside the body, a fat rim, soft tissue, two lungs that grow towards the base, the
 * heart in the lower slices, the aorta, and a vertebral body with cortical bone.
 */
export function ctSliceHu(size: number, z: number, random: () => number): Int16Array {
  const out = new Int16Array(size * size);
  const s = size / 256;
  const body: Ellipse = { cx: 128 * s, cy: 128 * s, rx: 110 * s, ry: 80 * s };
  const inner: Ellipse = { cx: 128 * s, cy: 128 * s, rx: 102 * s, ry: 72 * s };
  const lungScale = 0.55 + 0.45 * Math.sin(Math.PI * Math.min(1, z * 1.1));
  const lungs: Ellipse[] = [
    { cx: 84 * s, cy: 120 * s, rx: 34 * s * lungScale, ry: 50 * s * lungScale },
    { cx: 172 * s, cy: 120 * s, rx: 34 * s * lungScale, ry: 50 * s * lungScale },
  ];
  const heart: Ellipse = { cx: 140 * s, cy: 132 * s, rx: 34 * s * z, ry: 28 * s * z };
  const aorta: Ellipse = { cx: 138 * s, cy: 160 * s, rx: 10 * s, ry: 10 * s };
  const vertebra: Ellipse = { cx: 128 * s, cy: 182 * s, rx: 15 * s, ry: 13 * s };
  const marrow: Ellipse = { cx: 128 * s, cy: 182 * s, rx: 11 * s, ry: 9 * s };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hu = -1000;
      if (inside(body, x, y)) {
        hu = inside(inner, x, y) ? 40 : -100;
        if (lungs.some((lung) => inside(lung, x, y))) hu = -850;
        if (z > 0.35 && inside(heart, x, y)) hu = 45;
        if (inside(aorta, x, y)) hu = 180;
        if (inside(vertebra, x, y)) hu = inside(marrow, x, y) ? 250 : 900;
      }
      const noise = (random() + random() + random() - 1.5) * 16;
      out[y * size + x] = Math.round(hu + noise);
    }
  }
  return out;
}
