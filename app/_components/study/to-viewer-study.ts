/**
 * The study route's answer as the viewer takes it, in two steps. On the server, each series is
 * assembled by lib/dicom (multi-frame instances split into frames, each stack in reading order:
 * an axial one from the head down) into a `StudyOutline`: one [instance id, frame, Instance Number] per image, all the
 * page sends. On the client, the outline becomes the viewer's study, one `ViewerImage` each.
 */
import { formatPersonName } from '@/lib/dicom/person-name';
import { objectClassName } from '@/lib/dicom/sop-classes';
import {
  assembleSeries,
  readingOrder,
  seriesReadingOrder,
  volumeOf,
  type AssembledSeries,
  type VolumeCheck,
} from '@/lib/dicom/series';
import { isoDate } from '../worklist/api-types';
import { imageIdOf } from '../viewer/frame-loader';
import type { SlicePlacement, ViewerImage, ViewerSeries, ViewerStudy } from '../viewer/types';
import type { InstanceView, OutlineFrame, SeriesView, StudyDetail, StudyOutline } from './types';

const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';
const GRAYSCALE_SOFTCOPY_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.1';

/** Structured Report Storage SOP classes (PS3.4 B.5): Basic Text, Enhanced, Comprehensive... */
function isStructuredReport(sopClassUID: string | null): boolean {
  return sopClassUID?.startsWith('1.2.840.10008.5.1.4.1.1.88.') ?? false;
}

/**
 * A series of structured reports, or of PDF documents, or of grayscale presentation states, or of
 * other objects with no Rows and Columns, or (any instance an image, or none at all) of images.
 */
export function seriesContent(
  instances: Pick<InstanceView, 'rows' | 'sopClassUID'>[],
): Pick<ViewerSeries, 'content' | 'objectClass'> {
  if (instances.length === 0 || instances.some((instance) => instance.rows !== null)) {
    return { content: 'images', objectClass: '' };
  }
  if (instances.every((instance) => isStructuredReport(instance.sopClassUID))) {
    return { content: 'report', objectClass: '' };
  }
  if (instances.every((instance) => instance.sopClassUID === ENCAPSULATED_PDF)) {
    return { content: 'document', objectClass: '' };
  }
  if (
    instances.every((instance) => instance.sopClassUID === GRAYSCALE_SOFTCOPY_PRESENTATION_STATE)
  ) {
    return { content: 'presentation', objectClass: '' };
  }
  return { content: 'object', objectClass: objectClassName(instances[0]!.sopClassUID) };
}

/** Where each image lies along the normal, when the series is one stack ordered by position. */
function placementOf(result: AssembledSeries<unknown>[]): SlicePlacement | null {
  const stacks = result.flatMap((one) => one.stacks);
  const [stack] = stacks;
  if (stacks.length !== 1 || stack?.orderedBy !== 'position' || !stack.normal) return null;
  return { normal: stack.normal, locations: readingOrder(stack).map((slice) => slice.location!) };
}

/** The series' images in order, where they lie, and the volume they make for reformatting, if any. */
function assembled(
  detail: StudyDetail,
  series: SeriesView,
): { frames: OutlineFrame[]; placement: SlicePlacement | null; volume: VolumeCheck } {
  const result = assembleSeries(
    series.instances.map((instance) => ({
      ...instance,
      file: instance,
      studyInstanceUID: detail.studyInstanceUID,
      seriesInstanceUID: series.seriesInstanceUID,
    })),
  );
  const frames = seriesReadingOrder(result).map((slice): OutlineFrame => [
    slice.file.id,
    slice.frame + 1,
    slice.file.instanceNumber,
  ]);
  const unplaced = series.instances.some(
    (instance) => (instance.numberOfFrames ?? 1) > 1 && instance.frameGeometry === null,
  );
  const volume: VolumeCheck = unplaced
    ? { refused: "the frames' positions are not read yet (stored by an older version)" }
    : volumeOf(result);
  return { frames, placement: placementOf(result), volume };
}

export function toStudyOutline(detail: StudyDetail): StudyOutline {
  return {
    id: String(detail.studyId),
    patientName: formatPersonName(detail.patientName),
    patientId: detail.patientId ?? '',
    studyDate: isoDate(detail.studyDate) ?? '',
    description: detail.studyDescription ?? '',
    series: detail.series.map((series) => ({
      id: String(series.id),
      number: series.seriesNumber,
      description: series.seriesDescription ?? '',
      modality: series.modality ?? '',
      localizer:
        series.instances.length > 0 &&
        series.instances.every((instance) => instance.imageType?.includes('LOCALIZER')),
      ...seriesContent(series.instances),
      ...assembled(detail, series),
    })),
  };
}

/** Frame `frame` (1-based) of an instance, served by `GET /api/instances/:id/file`. */
export function viewerImageOf(
  instanceId: number,
  frame: number,
  instanceNumber: number | null = null,
): ViewerImage {
  const url = `/api/instances/${instanceId}/file`;
  return {
    imageId: imageIdOf(url, frame),
    instanceId: String(instanceId),
    url,
    frame,
    instanceNumber,
  };
}

export function toViewerStudy({ series, ...study }: StudyOutline): ViewerStudy {
  return {
    ...study,
    series: series.map(({ frames, ...rest }) => ({
      ...rest,
      images: frames.map(([instanceId, frame, instanceNumber]) =>
        viewerImageOf(instanceId, frame, instanceNumber),
      ),
    })),
  };
}
