/**
 * A rough body mask for confounder checks: the background is every pixel at or below Otsu's
 * threshold that is 4-connected, through such pixels, to the image border (air around the
 * patient); everything else, dark lungs included, counts as body.
 */

function otsuThreshold(grey: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) histogram[grey[i]!]!++;
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * histogram[v]!;
  let below = 0;
  let belowSum = 0;
  let best = 0;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    below += histogram[t]!;
    belowSum += t * histogram[t]!;
    const above = grey.length - below;
    if (below === 0 || above === 0) continue;
    const difference = belowSum / below - (total - belowSum) / above;
    const variance = below * above * difference * difference;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/** 1 where the pixel belongs to the body, 0 for background air connected to the border. */
export function bodyMask(grey: Uint8Array, width: number, height: number): Uint8Array {
  const threshold = otsuThreshold(grey);
  const mask = new Uint8Array(width * height).fill(1);
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  const visit = (at: number) => {
    if (mask[at] === 1 && grey[at]! <= threshold) {
      mask[at] = 0;
      queue[tail++] = at;
    }
  };
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  while (head < tail) {
    const at = queue[head++]!;
    const x = at % width;
    if (x > 0) visit(at - 1);
    if (x < width - 1) visit(at + 1);
    if (at >= width) visit(at - width);
    if (at + width < width * height) visit(at + width);
  }
  return mask;
}

/** Fraction of the map's mass on background (outside the body mask). */
export function outsideBodyMass(map: ArrayLike<number>, mask: Uint8Array): number {
  let total = 0;
  let outside = 0;
  for (let i = 0; i < mask.length; i++) {
    const value = map[i]!;
    if (value <= 0) continue;
    total += value;
    if (mask[i] === 0) outside += value;
  }
  return total > 0 ? outside / total : 0;
}
