/**
 * Following another viewport's scrolling by level: a prior of other spacing, coverage and frame
 * of reference, registered on the images on screen when linked.
 */
import { describe, expect, it } from 'vitest';
import { followingIndex, sliceLink } from '../../app/_components/viewer/slice-link';
import type { SlicePlacement } from '../../app/_components/viewer/types';

const axial = (locations: number[]): SlicePlacement => ({ normal: [0, 0, 1], locations });
/** 48 slices 5 mm apart, and a prior of 24 slices 10 mm apart, 500 mm further along z. */
const current = axial(Array.from({ length: 48 }, (_, k) => -120 + 5 * k));
const prior = axial(Array.from({ length: 24 }, (_, k) => 380 + 10 * k));

describe('slice links', () => {
  it('follows by level, not by image number, from the images level when linked', () => {
    const link = sliceLink(current, 0, prior, 0)!;
    expect(link).toEqual({ sign: 1, offset: 500 });
    expect(followingIndex(link, current, 20, prior)).toBe(10);
    expect(followingIndex(link, current, 47, prior)).toBe(23);
    const back = sliceLink(prior, 0, current, 0)!;
    expect(followingIndex(back, prior, 11, current)).toBe(22);
    // Linked elsewhere: the images then on screen are the level.
    const shifted = sliceLink(current, 10, prior, 0)!;
    expect(followingIndex(shifted, current, 30, prior)).toBe(10);
  });

  it('stops at the end of a shorter prior', () => {
    const link = sliceLink(current, 40, prior, 23)!;
    expect(followingIndex(link, current, 47, prior)).toBe(23);
    expect(followingIndex(link, current, 0, prior)).toBe(3);
  });

  it('follows a stack whose normal points the other way, and not one that crosses', () => {
    const reversed: SlicePlacement = {
      normal: [0, 0, -1],
      locations: prior.locations.map((location) => -location),
    };
    const link = sliceLink(current, 0, reversed, 0)!;
    expect(link.sign).toBe(-1);
    expect(followingIndex(link, current, 20, reversed)).toBe(10);
    const coronal: SlicePlacement = { normal: [0, 1, 0], locations: [0, 1, 2] };
    expect(sliceLink(current, 0, coronal, 0)).toBeNull();
    // Two degrees off is one direction (a tilted gantry, a patient placed a little askew).
    const tilt = (2 * Math.PI) / 180;
    const tilted: SlicePlacement = { normal: [0, Math.sin(tilt), Math.cos(tilt)], locations: [0] };
    expect(sliceLink(current, 0, tilted, 0)).not.toBeNull();
  });
});
