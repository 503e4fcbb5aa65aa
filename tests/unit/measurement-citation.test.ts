/**
 * Where a signed measurement says it was made (app/_components/study/review-measurements.ts): by
 * series and Instance Number, as the overlay and the PACS name the image, not by its place in the
 * stack, which differs whenever the series is not numbered 1..n in reading order.
 */
import { describe, expect, it } from 'vitest';
import { describeMeasurement } from '../../app/_components/study/review-measurements';
import { viewerImageOf } from '../../app/_components/study/to-viewer-study';
import type { ViewerSeries, ViewerStudy } from '../../app/_components/viewer/types';
import type { Measurement } from '../../lib/review';

function series(id: string, number: number | null, images: ViewerSeries['images']): ViewerSeries {
  return {
    id,
    number,
    description: '',
    modality: 'CT',
    images,
    volume: { refused: 'not needed here' },
    placement: null,
    localizer: false,
    content: 'images',
    objectClass: '',
  };
}

const study: ViewerStudy = {
  id: '1',
  patientName: 'Doe, Jane',
  patientId: 'P1',
  studyDate: '2026-12-07',
  description: '',
  series: [
    // Read from the head down, a scan numbered from the feet: the top slice is Instance 48.
    series(
      '10',
      2,
      [48, 47, 46].map((n, k) => viewerImageOf(100 + k, 1, n)),
    ),
    // One enhanced CT of three frames.
    series(
      '11',
      3,
      [1, 2, 3].map((frame) => viewerImageOf(200, frame, 5)),
    ),
    // No Instance Number: only its place in the stack names it.
    series('12', null, [viewerImageOf(300, 1, null), viewerImageOf(301, 1, null)]),
  ],
};

const length = (instanceId: number, frame = 1): Measurement => ({
  tool: 'Length',
  instanceId,
  frame,
  points: [
    [0, 0],
    [3, 4],
  ],
  values: [{ name: 'length', value: 5, unit: 'mm' }],
});

describe('a signed measurement names its image', () => {
  it('by series and Instance Number, not by its place in the stack', () => {
    expect(describeMeasurement(study, length(100))).toBe('Length 5.00 mm (series 2, instance 48)');
    expect(describeMeasurement(study, length(102))).toBe('Length 5.00 mm (series 2, instance 46)');
  });

  it('with the frame of a multi-frame instance', () => {
    expect(describeMeasurement(study, length(200, 2))).toBe(
      'Length 5.00 mm (series 3, instance 5, frame 2)',
    );
  });

  it('by its place when it has no Instance Number, and not at all when it is not in the study', () => {
    expect(describeMeasurement(study, length(301))).toBe('Length 5.00 mm (series ?, image 2)');
    expect(describeMeasurement(study, length(999))).toBe('Length 5.00 mm');
  });
});
