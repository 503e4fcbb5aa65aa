/**
 * A synthetic frontal (PA) chest radiograph for the demo: framed as a detector frames a chest
 * (lungs filling most of it, shoulders and abdomen at the edges), with soft edges, ribs,
 * clavicles, vessels that thin towards the periphery, and, for the follow-up film, patchy
 * airspace opacity in both lower zones, worse on the right, as bronchopneumonia shows on a
 * child's film.
 */

type Field = Float32Array;

/** One pass of a box blur of radius r along rows, then columns (edges clamped). */
function boxBlur(field: Field, size: number, r: number): Field {
  const rows = new Float32Array(field.length);
  const out = new Float32Array(field.length);
  const width = 2 * r + 1;
  const at = (i: number) => Math.max(0, Math.min(size - 1, i));
  for (let y = 0; y < size; y++) {
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += field[y * size + at(k)]!;
    for (let x = 0; x < size; x++) {
      rows[y * size + x] = sum / width;
      sum += field[y * size + at(x + r + 1)]! - field[y * size + at(x - r)]!;
    }
  }
  for (let x = 0; x < size; x++) {
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += rows[at(k) * size + x]!;
    for (let y = 0; y < size; y++) {
      out[y * size + x] = sum / width;
      sum += rows[at(y + r + 1) * size + x]! - rows[at(y - r) * size + x]!;
    }
  }
  return out;
}

/** Three box passes: close to a Gaussian of sigma ~ r. */
function smooth(field: Field, size: number, r: number): Field {
  return boxBlur(boxBlur(boxBlur(field, size, r), size, r), size, r);
}

/** Smooth noise in [-1, 1] with features about `scale` pixels across. */
function cloud(size: number, scale: number, random: () => number): Field {
  const noise = Float32Array.from({ length: size * size }, () => random() * 2 - 1);
  const blurred = smooth(noise, size, Math.max(1, Math.round(scale / 2)));
  let peak = 0;
  for (const value of blurred) peak = Math.max(peak, Math.abs(value));
  return blurred.map((value) => value / peak);
}

/** The cardiac silhouette, in pixels of a 512 frame (as every coordinate here). */
function inHeart(X: number, Y: number): boolean {
  return ((X - 292) / 96) ** 2 + ((Y - 392) / 82) ** 2 <= 1;
}

/** Where the lungs are: 1 inside, 0 outside (hard-edged; smoothed later). */
function lungMask(size: number): Field {
  const s = size / 512;
  const mask = new Float32Array(size * size);
  const lungs = [
    { cx: 150, top: 40, bottom: 420, medial: 222, lateral: 42 },
    { cx: 362, top: 48, bottom: 440, medial: 290, lateral: 470 },
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const X = x / s;
      const Y = y / s;
      for (const lung of lungs) {
        const t = (Y - lung.top) / (lung.bottom - lung.top);
        if (t < 0 || t > 1) continue;
        const reach = Math.sqrt(Math.sin((Math.PI / 2) * Math.min(1, t * 1.6)));
        const outer = lung.cx + (lung.lateral - lung.cx) * reach;
        const inner = lung.cx + (lung.medial - lung.cx) * Math.min(1, 0.5 + t);
        const [low, high] = outer < inner ? [outer, inner] : [inner, outer];
        const dome = lung.bottom - 70 * (1 - ((X - lung.cx) / (lung.lateral - lung.cx)) ** 2);
        if (X >= low && X <= high && Y <= Math.max(dome, lung.bottom - 70)) {
          if (!inHeart(X, Y)) mask[y * size + x] = 1;
        }
      }
    }
  }
  return mask;
}

/** Ribs and clavicles: 1 on a bone, 0 off it. */
function boneMask(size: number): Field {
  const s = size / 512;
  const mask = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const X = x / s;
      const Y = y / s;
      const dx = Math.abs(X - 256);
      const rib = ((((Y - 0.0016 * dx * dx + 0.25 * dx) / 38) % 1) + 1) % 1;
      const posterior = dx > 50 && Y > 30 && Y < 430 && rib < 0.28;
      const clavicle = dx > 30 && dx < 200 && Math.abs(Y - (70 - 0.25 * dx + 0.0012 * dx * dx)) < 9;
      if (posterior || clavicle) mask[y * size + x] = 1;
    }
  }
  return mask;
}

/** The hard-edged anatomy, attenuation per pixel: soft tissue, mediastinum, heart, abdomen. */
function bodyField(size: number): Field {
  const s = size / 512;
  const field = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const X = x / s;
      const Y = y / s;
      let value = 2300 - Math.max(0, 90 - Y) * 4 * Math.min(1, Math.abs(X - 256) / 256) ** 2;
      if (Math.abs(X - 256) < 46 - Math.max(0, Y - 200) * 0.05) value = 2850;
      if (inHeart(X, Y)) value = 2750;
      if (Y > 440 + 0.0008 * (X - 256) ** 2) value = 2650;
      field[y * size + x] = value;
    }
  }
  return field;
}

/**
 * The radiograph as 12-bit stored values where brighter means more attenuation (MONOCHROME2).
 * `opacity` adds the consolidation.
 */
export function chestRadiograph(size: number, opacity: boolean, random: () => number): Uint16Array {
  const s = size / 512;
  const body = smooth(bodyField(size), size, Math.round(6 * s));
  const lungs = smooth(lungMask(size), size, Math.round(7 * s));
  const bones = smooth(boneMask(size), size, Math.round(2 * s));
  const vessels = cloud(size, 6 * s, random);
  const patches = cloud(size, 22 * s, random);
  const out = new Uint16Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const X = x / s;
      const Y = y / s;
      const hilum = Math.min(1, Math.hypot(X - 256, Y - 250) / 220);
      const markings = (1.15 - hilum) * 380 * Math.max(0, vessels[i]!);
      const periphery = (Math.abs(X - 256) / 230) ** 3 * 250 + Math.max(0, Y - 320) * 1.2;
      let value = body[i]! - lungs[i]! * (1050 - markings - periphery);
      value += bones[i]! * (60 + 120 * lungs[i]!);
      if (opacity) {
        const zone =
          Math.exp(-(((X - 150) / 110) ** 2) - ((Y - 320) / 110) ** 2) +
          0.6 * Math.exp(-(((X - 360) / 100) ** 2) - ((Y - 330) / 100) ** 2);
        const patch = Math.max(0, Math.min(1, (patches[i]! + 0.5) * 1.6));
        value += lungs[i]! * Math.min(1, zone) * patch * 1300;
      }
      const noise = (random() + random() - 1) * 40;
      out[i] = Math.max(0, Math.min(4095, Math.round(value + noise)));
    }
  }
  return out;
}
