import { describe, expect, it } from 'vitest';
import { bodyMask, outsideBodyMass } from '../../lib/saliency';

const SIZE = 64;

/** A bright disc (the "body") with a dark hole (a "lung") on a dark background. */
function phantom(): Uint8Array {
  const grey = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const r = Math.hypot(x - 32, y - 32);
      grey[y * SIZE + x] = r < 24 ? (r < 6 ? 20 : 200) : 10;
    }
  }
  return grey;
}

describe('body mask and outside-body mass', () => {
  it('marks the disc and its enclosed dark hole as body, the surrounding air as background', () => {
    const mask = bodyMask(phantom(), SIZE, SIZE);
    expect(mask[0]).toBe(0);
    expect(mask[32 * SIZE + 32]).toBe(1);
    expect(mask[32 * SIZE + 50]).toBe(1);
    expect(mask[32 * SIZE + 60]).toBe(0);
  });

  it('measures the fraction of a map on the background', () => {
    const mask = bodyMask(phantom(), SIZE, SIZE);
    const onCorner = new Float32Array(SIZE * SIZE);
    onCorner[0] = 1;
    expect(outsideBodyMass(onCorner, mask)).toBe(1);
    const onHole = new Float32Array(SIZE * SIZE);
    onHole[32 * SIZE + 32] = 1;
    expect(outsideBodyMass(onHole, mask)).toBe(0);
    const split = new Float32Array(SIZE * SIZE);
    split[0] = 3;
    split[32 * SIZE + 40] = 1;
    expect(outsideBodyMass(split, mask)).toBe(0.75);
  });
});
