import { measurementText } from './measurement-text';
import type { ViewerMeasurement, ViewerStudy } from './types';

/** Where an image is in the study: its series and its place in the series (1-based). */
export function imagePlace(
  study: ViewerStudy,
  imageId: string,
): { seriesId: string; seriesNumber: number | null; index: number } | null {
  for (const series of study.series) {
    const index = series.images.findIndex((image) => image.imageId === imageId);
    if (index >= 0) return { seriesId: series.id, seriesNumber: series.number, index };
  }
  return null;
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
            <span className="muted">
              series {place.seriesNumber ?? '?'}, image {place.index + 1}
            </span>{' '}
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
