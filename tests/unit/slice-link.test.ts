/**
 * Following another viewport's scrolling by level: a prior of other spacing, coverage and frame
 * of reference, registered on the images on screen when linked; and another series of the same
 * frame of reference, placed by position.
 */
import { describe, expect, it } from 'vitest';
import {
  crossingInOneFrame,
  followingIndex,
  sliceLink,
  type ImagePlace,
} from '../../app/_components/viewer/slice-link';
import type { SlicePlacement } from '../../app/_components/viewer/types';

const axial = (locations: number[]): SlicePlacement => ({ normal: [0, 0, 1], locations });
/** 48 slices 5 mm apart, and a prior of 24 slices 10 mm apart, 500 mm further along z. */
const current = axial(Array.from({ length: 48 }, (_, k) => -120 + 5 * k));
const prior = axial(Array.from({ length: 24 }, (_, k) => 380 + 10 * k));
const place = (frameOfReferenceUID: string, z: number): ImagePlace => ({
  frameOfReferenceUID,
  centre: [10, -20, z],
  normal: [0, 0, 1],
});

/** A link made with no frames of reference known: registered. */
const registered = (
  source: SlicePlacement,
  sourceIndex: number,
  target: SlicePlacement,
  targetIndex: number,
) => sliceLink(source, sourceIndex, null, target, targetIndex, null);

describe('slice links across frames of reference', () => {
  it('follows by level, not by image number, from the images level when linked', () => {
    const link = registered(current, 0, prior, 0)!;
    expect(link).toEqual({ by: 'registration', sign: 1, offset: 500 });
    expect(followingIndex(link, current, 20, null, prior)).toBe(10);
    expect(followingIndex(link, current, 47, null, prior)).toBe(23);
    const back = registered(prior, 0, current, 0)!;
    expect(followingIndex(back, prior, 11, null, current)).toBe(22);
    // Linked elsewhere: the images then on screen are the level.
    const shifted = registered(current, 10, prior, 0)!;
    expect(followingIndex(shifted, current, 30, null, prior)).toBe(10);
    // Two frames of reference: registered although both are known.
    const twoFrames = sliceLink(current, 0, place('1.2.3', -120), prior, 0, place('1.2.4', 380));
    expect(twoFrames).toEqual(link);
  });

  it('stops at the end of a shorter prior', () => {
    const link = registered(current, 40, prior, 23)!;
    expect(followingIndex(link, current, 47, null, prior)).toBe(23);
    expect(followingIndex(link, current, 0, null, prior)).toBe(3);
  });

  it('follows a stack whose normal points the other way, and not one that crosses', () => {
    const reversed: SlicePlacement = {
      normal: [0, 0, -1],
      locations: prior.locations.map((location) => -location),
    };
    const link = registered(current, 0, reversed, 0)!;
    expect(link.by === 'registration' && link.sign).toBe(-1);
    expect(followingIndex(link, current, 20, null, reversed)).toBe(10);
    const coronal: SlicePlacement = { normal: [0, 1, 0], locations: [0, 1, 2] };
    expect(registered(current, 0, coronal, 0)).toBeNull();
    expect(sliceLink(current, 0, place('1.2', 0), coronal, 0, place('1.2', 0))).toBeNull();
    // Two degrees off is one direction (a tilted gantry, a patient placed a little askew).
    const tilt = (2 * Math.PI) / 180;
    const tilted: SlicePlacement = { normal: [0, Math.sin(tilt), Math.cos(tilt)], locations: [0] };
    expect(registered(current, 0, tilted, 0)).not.toBeNull();
  });
});

describe('slice links in one frame of reference', () => {
  /** Another series of the study: every other slice, 10 mm apart, over the same range. */
  const thick = axial(current.locations.filter((_, k) => k % 2 === 0));

  it('places by position, whatever images were on screen when linked', () => {
    // Linked with the current at its last slice and the other at its first: no registration.
    const link = sliceLink(current, 47, place('1.2.9', 115), thick, 0, place('1.2.9', -120))!;
    expect(link).toEqual({ by: 'position' });
    expect(followingIndex(link, current, 47, [10, -20, 115], thick)).toBe(23);
    expect(followingIndex(link, current, 36, [10, -20, 60], thick)).toBe(18);
    // Back: image 19 of the thick series (60 mm) is image 37 of the thin one.
    expect(followingIndex(link, thick, 18, [10, -20, 60], current)).toBe(36);
    // Without the source image's centre (not loaded), nothing is followed.
    expect(followingIndex(link, current, 36, null, thick)).toBeNull();
  });

  it("takes the image's centre to a tilted series' normal, not its location along its own", () => {
    // The other series tilted 2 degrees about x: its locations are positions along its normal.
    const tilt = (2 * Math.PI) / 180;
    const normal: [number, number, number] = [0, -Math.sin(tilt), Math.cos(tilt)];
    // Its slices are planes through (0, 0, z) for z every 10 mm.
    const zs = Array.from({ length: 24 }, (_, k) => -120 + 10 * k);
    const tilted: SlicePlacement = { normal, locations: zs.map((z) => z * normal[2]) };
    const link = sliceLink(current, 0, place('1.2.9', 0), tilted, 0, place('1.2.9', 0))!;
    // An image centred 200 mm anterior-posterior off the axis, at z = 0: along the tilted
    // normal it lies 200 sin 2 deg = 7 mm from the plane through z = 0, nearer z = 10.
    const centre: [number, number, number] = [0, -200, 0];
    expect(followingIndex(link, current, 24, centre, tilted)).toBe(13);
    // The image's own location (0 along z) would have given the plane through z = 0.
    expect(zs[12]).toBe(0);
  });
});

describe('crossing images in one frame of reference', () => {
  const axialPlace: ImagePlace = {
    frameOfReferenceUID: '1.2.9',
    centre: [0, 0, 0],
    normal: [0, 0, 1],
  };
  const coronalPlace: ImagePlace = { ...axialPlace, normal: [0, 1, 0] };

  it('crosses (reference lines) only in one frame of reference, and only when not parallel', () => {
    expect(crossingInOneFrame(axialPlace, coronalPlace)).toBe(true);
    expect(crossingInOneFrame(axialPlace, { ...coronalPlace, frameOfReferenceUID: '1.2.10' })).toBe(
      false,
    );
    expect(crossingInOneFrame(axialPlace, { ...axialPlace, normal: [0, 0, -1] })).toBe(false);
    expect(crossingInOneFrame(axialPlace, null)).toBe(false);
  });
});
