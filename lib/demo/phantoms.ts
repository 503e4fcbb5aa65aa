/**
 * Synthetic images for the demo study set: a chest CT phantom in Hounsfield units and a
 * frontal chest radiograph. Deterministic (seeded noise) so that every run writes the same
 * bytes and a second import is a no-op.
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

/**
 * A frontal (PA) chest radiograph, 12-bit stored values where brighter means more
 * attenuation (MONOCHROME2). `opacity` adds a consolidation-like blob in the right lower zone.
 */
export function chestRadiograph(size: number, opacity: boolean, random: () => number): Uint16Array {
  const out = new Uint16Array(size * size);
  const s = size / 512;
  const thorax: Ellipse = { cx: 256 * s, cy: 280 * s, rx: 200 * s, ry: 230 * s };
  const lungs: Ellipse[] = [
    { cx: 170 * s, cy: 250 * s, rx: 78 * s, ry: 150 * s },
    { cx: 342 * s, cy: 250 * s, rx: 78 * s, ry: 150 * s },
  ];
  const heart: Ellipse = { cx: 290 * s, cy: 330 * s, rx: 85 * s, ry: 70 * s };
  const blob: Ellipse = { cx: 160 * s, cy: 330 * s, rx: 45 * s, ry: 38 * s };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let value = 300;
      if (inside(thorax, x, y)) {
        value = 2600;
        if (lungs.some((lung) => inside(lung, x, y))) value = 900;
        if (inside(heart, x, y)) value = 2400;
        if (Math.abs(x - 256 * s) < 22 * s) value = 3000;
        const ribPhase = ((y + 0.0009 * (x - 256 * s) ** 2) / (34 * s)) % 1;
        if (value < 2000 && ribPhase < 0.22) value += 700;
        if (opacity && inside(blob, x, y)) value = Math.max(value, 2100);
      }
      const noise = (random() + random() - 1) * 60;
      out[y * size + x] = Math.max(0, Math.min(4095, Math.round(value + noise)));
    }
  }
  return out;
}
