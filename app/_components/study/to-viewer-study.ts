/**
 * The study route's answer as the viewer takes it: each series assembled by lib/dicom (sorted
 * along the slice normal, multi-frame instances split into frames), one image per frame.
 */
import { assembleSeries } from '@/lib/dicom/series';
import { isoDate } from '../worklist/api-types';
import { imageIdOf } from '../viewer/frame-loader';
import type { ViewerImage, ViewerStudy } from '../viewer/types';
import type { InstanceView, SeriesView, StudyDetail } from './types';

function imageOf(instance: InstanceView, frame: number): ViewerImage {
  return {
    imageId: imageIdOf(instance.url, frame),
    instanceId: String(instance.id),
    url: instance.url,
    frame,
  };
}

function imagesOf(detail: StudyDetail, series: SeriesView): ViewerImage[] {
  const assembled = assembleSeries(
    series.instances.map((instance) => ({
      ...instance,
      file: instance,
      studyInstanceUID: detail.studyInstanceUID,
      seriesInstanceUID: series.seriesInstanceUID,
    })),
  );
  return assembled.flatMap((result) =>
    result.stacks.flatMap((stack) =>
      stack.slices.map((slice) => imageOf(slice.file, slice.frame + 1)),
    ),
  );
}

export function toViewerStudy(detail: StudyDetail): ViewerStudy {
  return {
    id: String(detail.studyId),
    patientName: detail.patientName ?? '',
    patientId: detail.patientId ?? '',
    studyDate: isoDate(detail.studyDate) ?? '',
    description: detail.studyDescription ?? '',
    series: detail.series.map((series) => ({
      id: String(series.id),
      number: series.seriesNumber,
      description: series.seriesDescription ?? '',
      modality: series.modality ?? '',
      images: imagesOf(detail, series),
    })),
  };
}
