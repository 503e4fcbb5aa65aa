import { measurementText } from './measurement-text';
import type { ViewerImage, ViewerMeasurement, ViewerStudy } from './types';

/** Where an image is in the study: its series, its place in the series (0-based), the image. */
export interface ImagePlace {
  seriesId: string;
  seriesNumber: number | null;
  index: number;
  image: ViewerImage;
  /** Frames of the image's instance in the series (more than 1: a multi-frame instance). */
  frames: number;
}

export function imagePlace(study: ViewerStudy, imageId: string): ImagePlace | null {
  for (const series of study.series) {
    const index = series.images.findIndex((image) => image.imageId === imageId);
    if (index < 0) continue;
    const image = series.images[index]!;
    const frames = series.images.filter((other) => other.instanceId === image.instanceId).length;
    return { seriesId: series.id, seriesNumber: series.number, index, image, frames };
  }
  return null;
}

/**
 * How a report cites the image, as the overlay and the PACS name it: "series 2, instance 36" (with
 * the frame of a multi-frame instance); by its place in the stack ("image 3") only when it has no
 * Instance Number.
 */
export function imageCitation({ seriesNumber, index, image, frames }: ImagePlace): string {
  const series = `series ${seriesNumber ?? '?'}`;
  if (image.instanceNumber === null) return `${series}, image ${index + 1}`;
  const frame = frames > 1 ? `, frame ${image.frame}` : '';
  return `${series}, instance ${image.instanceNumber}${frame}`;
}

/**
 * The measurements made in this study, in every series: each with its value, where it is, a
 * button that brings its image to the viewport and one that removes it.
 */
export function MeasurementList({
  study,
  measurements,
  onShow,
  onRemove,
}: {
  study: ViewerStudy;
  measurements: readonly ViewerMeasurement[];
  onShow: (measurement: ViewerMeasurement) => void;
  onRemove: (measurement: ViewerMeasurement) => void;
}) {
  const known = measurements.flatMap((measurement) => {
    const place = imagePlace(study, measurement.imageId);
    return place ? [{ measurement, place }] : [];
  });
  if (known.length === 0) return null;
  return (
    <section className="measurement-list" aria-label="Measurements">
      <h2>Measurements</h2>
      <ol>
        {known.map(({ measurement, place }) => (
          <li key={measurement.uid}>
            <span>{measurementText(measurement.tool, measurement.values)}</span>{' '}
            <span className="muted">{imageCitation(place)}</span>{' '}
            <button type="button" onClick={() => onShow(measurement)}>
              Show
            </button>{' '}
            <button type="button" onClick={() => onRemove(measurement)}>
              Remove
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
