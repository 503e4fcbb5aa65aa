/**
 * Measurements between the viewer (by image id) and a review (by instance id and frame): what
 * the reader drew becomes what the review signs, and a signed review's measurements are drawn
 * again on the images they name.
 */
import type { Measurement } from '@/lib/review';
import { imageCitation, imagePlace } from '../viewer/MeasurementList';
import { measurementText } from '../viewer/measurement-text';
import type { ViewerImage, ViewerMeasurement, ViewerStudy } from '../viewer/types';
import { viewerImageOf } from './to-viewer-study';

function imageOf(study: ViewerStudy, imageId: string): ViewerImage | undefined {
  for (const series of study.series) {
    const image = series.images.find((candidate) => candidate.imageId === imageId);
    if (image) return image;
  }
  return undefined;
}

/** The viewer's measurements of this study's images, as a review keeps them. */
export function toReviewMeasurements(
  study: ViewerStudy,
  measurements: readonly ViewerMeasurement[],
): Measurement[] {
  return measurements.flatMap(({ tool, imageId, points, values }) => {
    const image = imageOf(study, imageId);
    return image
      ? [{ tool, instanceId: Number(image.instanceId), frame: image.frame, points, values }]
      : [];
  });
}

/** A review's measurements for the viewer, named after the review so each has its own uid. */
export function toViewerMeasurements(
  reviewId: number,
  measurements: readonly Measurement[],
): ViewerMeasurement[] {
  return measurements.map(({ tool, instanceId, frame, points, values }, index) => ({
    uid: `review-${reviewId}-${index + 1}`,
    tool,
    imageId: viewerImageOf(instanceId, frame).imageId,
    points,
    values,
  }));
}

/** "Length 42.10 mm (series 2, instance 36)". */
export function describeMeasurement(study: ViewerStudy, measurement: Measurement): string {
  const { imageId } = viewerImageOf(measurement.instanceId, measurement.frame);
  const place = imagePlace(study, imageId);
  const where = place ? ` (${imageCitation(place)})` : '';
  return `${measurementText(measurement.tool, measurement.values)}${where}`;
}
