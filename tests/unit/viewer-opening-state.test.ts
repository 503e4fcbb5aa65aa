/**
 * What the viewer's overlay states before the viewport is up (app/_components/viewer/
 * opening-state.ts): the series' first image of its count, and the server's window only for the
 * image the server rendered; and which series a study opens on.
 */
import { describe, expect, it } from 'vitest';
import { viewerImageOf } from '../../app/_components/study/to-viewer-study';
import {
  openingSeries,
  openingState,
  showsSeries,
} from '../../app/_components/viewer/opening-state';
import {
  emptyViewportState,
  type OpeningView,
  type SeriesContent,
  type ViewerSeries,
} from '../../app/_components/viewer/types';

function series(
  id: string,
  frames: [number, number][],
  localizer = false,
  content: SeriesContent = 'images',
): ViewerSeries {
  return {
    localizer,
    content,
    objectClass: content === 'object' ? 'RT Structure Set' : '',
    id,
    number: 1,
    description: 'axial',
    modality: 'CT',
    images: frames.map(([instance, frame]) => viewerImageOf(instance, frame)),
    placement: null,
    volume: { refused: 'not needed here' },
  };
}

const ct = series('1', [
  [11, 1],
  [12, 1],
  [13, 1],
]);
const opening: OpeningView = {
  instanceId: '11',
  frame: 1,
  window: { center: 40, width: 400 },
  inverted: false,
};

describe('openingState', () => {
  it('states image 1 of the series with the window the server opened that image with', () => {
    expect(openingState(ct, opening)).toEqual({
      ...emptyViewportState,
      imageCount: 3,
      imageId: ct.images[0]!.imageId,
      windowCenter: 40,
      windowWidth: 400,
    });
  });

  it('carries the inversion of a MONOCHROME1 image', () => {
    const cr = series('2', [[21, 1]]);
    const state = openingState(cr, {
      instanceId: '21',
      frame: 1,
      window: { center: 550, width: 1024 },
      inverted: true,
    });
    expect([state.imageCount, state.windowCenter, state.windowWidth, state.invert]).toEqual([
      1,
      550,
      1024,
      true,
    ]);
  });

  it('states no window for a series whose first image the server did not describe', () => {
    const other = series('3', [
      [31, 1],
      [31, 2],
    ]);
    const state = openingState(other, opening);
    expect([state.imageCount, state.windowCenter, state.windowWidth]).toEqual([2, null, null]);
    // Another frame of the same instance is another image.
    const sameInstance = series('4', [[11, 2]]);
    expect(openingState(sameInstance, opening).windowWidth).toBeNull();
  });

  it('states no window for colour (the server applies none) and none at all without an opening', () => {
    const colour = openingState(ct, { ...opening, window: null });
    expect([colour.windowCenter, colour.windowWidth]).toEqual([null, null]);
    expect(openingState(ct, null).windowWidth).toBeNull();
  });

  it('states an empty series as having no images', () => {
    expect(openingState(series('5', []), opening)).toEqual(emptyViewportState);
  });
});

describe('showsSeries', () => {
  it('is true only for a viewport state on an image of the series', () => {
    expect(showsSeries(emptyViewportState, ct)).toBe(false);
    expect(showsSeries({ ...emptyViewportState, imageId: ct.images[2]!.imageId }, ct)).toBe(true);
    const other = series('6', [[61, 1]]);
    expect(showsSeries({ ...emptyViewportState, imageId: other.images[0]!.imageId }, ct)).toBe(
      false,
    );
  });
});

describe('openingSeries', () => {
  const scout = series('4', [[41, 1]], true);
  const axial = series('5', [[51, 1]]);

  it('opens on the first series that is not a localizer', () => {
    expect(openingSeries([scout, axial, ct])).toBe(axial);
    expect(openingSeries([ct, scout])).toBe(ct);
  });

  it('opens on images, not on a report stored with them, nor on a report before a scout', () => {
    const report = series('1', [[11, 1]], false, 'report');
    expect(openingSeries([report, scout, axial])).toBe(axial);
    expect(openingSeries([report, scout])).toBe(scout);
    expect(openingSeries([report])).toBe(report);
  });

  it('opens on images, not on an object that is none (an RT structure set numbered first)', () => {
    const structures = series('2', [[21, 1]], false, 'object');
    expect(openingSeries([structures, axial])).toBe(axial);
    expect(openingSeries([structures])).toBe(structures);
  });

  it('opens on the first when every series is a localizer, and on none when there is none', () => {
    const other = series('6', [[61, 1]], true);
    expect(openingSeries([scout, other])).toBe(scout);
    expect(openingSeries([])).toBeUndefined();
  });
});
