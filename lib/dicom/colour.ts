/**
 * Colour conversions for decoded frames: planar -> interleaved, YBR_FULL / YBR_FULL_422 -> RGB
 * (ITU-R BT.601 full range, as PS3.3 C.7.6.3.1.2 defines), PALETTE COLOR -> RGB.
 */
import type { PixelModule } from './types';
import type { Samples } from './codecs/types';

export function interleave(planar: Samples, pixels: number): Samples {
  const Ctor = planar.constructor as new (n: number) => Samples;
  const out = new Ctor(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    out[3 * i] = planar[i]!;
    out[3 * i + 1] = planar[pixels + i]!;
    out[3 * i + 2] = planar[2 * pixels + i]!;
  }
  return out;
}

/** Interleaved Y'CbCr (full range) -> RGB, in place; `max` is the largest sample value. */
export function ybrFullToRgb(samples: Samples, max: number): void {
  const half = (max + 1) / 2;
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i]!;
    const cb = samples[i + 1]! - half;
    const cr = samples[i + 2]! - half;
    const r = Math.round(y + 1.402 * cr);
    const g = Math.round(y - 0.344136 * cb - 0.714136 * cr);
    const b = Math.round(y + 1.772 * cb);
    samples[i] = r < 0 ? 0 : r > max ? max : r;
    samples[i + 1] = g < 0 ? 0 : g > max ? max : g;
    samples[i + 2] = b < 0 ? 0 : b > max ? max : b;
  }
}

/** Native YBR_FULL_422 (Y0 Y1 Cb Cr per pixel pair) -> interleaved YBR_FULL, same type. */
export function upsample422(packed: Samples, rows: number, columns: number): Samples {
  const Ctor = packed.constructor as new (n: number) => Samples;
  const out = new Ctor(rows * columns * 3);
  let src = 0;
  let dst = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c += 2) {
      const y0 = packed[src]!;
      const y1 = packed[src + 1]!;
      const cb = packed[src + 2]!;
      const cr = packed[src + 3]!;
      src += 4;
      out[dst++] = y0;
      out[dst++] = cb;
      out[dst++] = cr;
      if (c + 1 < columns) {
        out[dst++] = y1;
        out[dst++] = cb;
        out[dst++] = cr;
      }
    }
  }
  return out;
}

/** PALETTE COLOR indices -> interleaved RGB, 8 bits per channel. */
export function applyPalette(indices: Samples, pm: PixelModule): Uint8Array {
  const palette = pm.palette!;
  const tables = [palette.red, palette.green, palette.blue];
  const out = new Uint8Array(indices.length * 3);
  for (let k = 0; k < 3; k++) {
    const lut = tables[k]!;
    const [entries, first, bits] = lut.descriptor;
    const shift = bits > 8 ? bits - 8 : 0;
    const last = entries - 1;
    const data = lut.data;
    // Precompute the 8-bit table once, then map.
    const table = new Uint8Array(entries);
    for (let i = 0; i < entries; i++) table[i] = (data[i]! >> shift) & 0xff;
    for (let i = 0; i < indices.length; i++) {
      let idx = indices[i]! - first;
      if (idx < 0) idx = 0;
      else if (idx > last) idx = last;
      out[3 * i + k] = table[idx]!;
    }
  }
  return out;
}
