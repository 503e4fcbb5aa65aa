/**
 * The scout (localizer, topogram) a CT scanner takes before the axial series, and plans it on: a
 * frontal projection through the patient as the tube sweeps along the table. Here it is the
 * phantom's axial slices summed front to back (attenuation from HU), so bone and soft tissue show
 * bright and the lungs dark, as on a radiograph; rows run from the head down at the slices'
 * pixel pitch, interpolated between slices.
 */

/** A frontal projection of `slices` (axial, `size` x `size` HU, `sliceMm` apart, top first). */
export function scoutProjection(
  slices: readonly Int16Array[],
  size: number,
  sliceMm: number,
  pixelMm: number,
): { rows: number; pixels: Uint16Array } {
  // Each slice's line integrals of attenuation relative to water (mm), per column.
  const sums = slices.map((hu) => {
    const sum = new Float64Array(size);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        sum[col]! += Math.max(0, (hu[row * size + col]! + 1000) / 1000) * pixelMm;
      }
    }
    return sum;
  });
  const rows = Math.floor(((slices.length - 1) * sliceMm) / pixelMm) + 1;
  const pixels = new Uint16Array(rows * size);
  for (let row = 0; row < rows; row++) {
    const at = (row * pixelMm) / sliceMm;
    const above = Math.floor(at);
    const below = Math.min(slices.length - 1, above + 1);
    const weight = at - above;
    for (let col = 0; col < size; col++) {
      const mm = (1 - weight) * sums[above]![col]! + weight * sums[below]![col]!;
      pixels[row * size + col] = Math.min(4095, Math.round(mm * SCALE));
    }
  }
  return { rows, pixels };
}

/** Stored value per mm of water: a chest's 300 mm at most fits 12 bits. */
const SCALE = 12;
