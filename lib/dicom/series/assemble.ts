import { locationAlong, sameOrientation, sliceNormal, validOrientation } from './geometry';
import { analyseSpacing } from './spacing';
import type {
  AssembledSeries,
  SeriesInstanceInput,
  SeriesWarning,
  SliceStack,
  StackSlice,
} from './types';

interface Bucket<F> {
  rows: number | null;
  columns: number | null;
  orientation: number[] | null;
  members: SeriesInstanceInput<F>[];
}

const compareText = (a: string | null, b: string | null): number =>
  (a ?? '').localeCompare(b ?? '');

/** Slice order: along the normal, then InstanceNumber, then SOP Instance UID, then frame. */
function compareSlices(a: StackSlice<unknown>, b: StackSlice<unknown>): number {
  if (a.location !== null && b.location !== null && a.location !== b.location) {
    return a.location - b.location;
  }
  const an = a.instanceNumber ?? Number.POSITIVE_INFINITY;
  const bn = b.instanceNumber ?? Number.POSITIVE_INFINITY;
  if (an !== bn) return an < bn ? -1 : 1;
  return compareText(a.sopInstanceUID, b.sopInstanceUID) || a.frame - b.frame;
}

function multiFrameStack<F>(instance: SeriesInstanceInput<F>): SliceStack<F> {
  const geometry = instance.frameGeometry ?? null;
  const orientation = validOrientation(geometry?.orientation ?? instance.imageOrientationPatient);
  const normal = sliceNormal(orientation);
  const frames = instance.numberOfFrames ?? 1;
  const inFrameOrder: StackSlice<F>[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const position = geometry?.positions[frame]?.slice(0, 3) ?? null;
    inFrameOrder.push({
      file: instance.file,
      sopInstanceUID: instance.sopInstanceUID,
      frame,
      instanceNumber: instance.instanceNumber,
      imagePositionPatient: position,
      location: normal ? locationAlong(position, normal) : null,
    });
  }
  const byLocation = [...inFrameOrder].sort(compareSlices);
  const spacing = analyseSpacing(byLocation);
  const byPosition =
    inFrameOrder.every((slice) => slice.location !== null) &&
    !spacing.warnings.some((warning) => warning.code === 'DUPLICATE_POSITION');
  return {
    rows: instance.rows,
    columns: instance.columns,
    imageOrientationPatient: orientation,
    normal,
    pixelSpacing: geometry?.pixelSpacing ?? instance.pixelSpacing ?? null,
    orderedBy: byPosition ? 'position' : 'frame',
    multiFrame: true,
    slices: byPosition ? byLocation : inFrameOrder,
    ...spacing,
  };
}

function singleFrameStack<F>(bucket: Bucket<F>): SliceStack<F> {
  const normal = sliceNormal(bucket.orientation);
  const slices = bucket.members.map<StackSlice<F>>((instance) => ({
    file: instance.file,
    sopInstanceUID: instance.sopInstanceUID,
    frame: 0,
    instanceNumber: instance.instanceNumber,
    imagePositionPatient: instance.imagePositionPatient?.slice(0, 3) ?? null,
    location: normal ? locationAlong(instance.imagePositionPatient, normal) : null,
  }));
  const positioned = slices.every((slice) => slice.location !== null);
  const warnings: SeriesWarning[] = [];
  if (!positioned) {
    slices.forEach((slice) => (slice.location = null));
    warnings.push({
      code: 'MISSING_POSITION',
      message: 'ImagePositionPatient or ImageOrientationPatient missing: ordered by InstanceNumber',
      sopInstanceUIDs: bucket.members.flatMap((m) => (m.sopInstanceUID ? [m.sopInstanceUID] : [])),
    });
  }
  slices.sort(compareSlices);
  const spacing = positioned
    ? analyseSpacing(slices)
    : { spacing: null, spacingUniform: null, warnings: [] };
  return {
    rows: bucket.rows,
    columns: bucket.columns,
    imageOrientationPatient: bucket.orientation,
    normal,
    pixelSpacing: bucket.members[0]?.pixelSpacing ?? null,
    orderedBy: positioned ? 'position' : 'instance-number',
    multiFrame: false,
    slices,
    spacing: spacing.spacing,
    spacingUniform: spacing.spacingUniform,
    warnings: [...warnings, ...spacing.warnings],
  };
}

/** Splits one series' single-frame instances by image size and orientation (never mixed). */
function bucketsOf<F>(instances: SeriesInstanceInput<F>[]): Bucket<F>[] {
  const buckets: Bucket<F>[] = [];
  for (const instance of instances) {
    const orientation = validOrientation(instance.imageOrientationPatient);
    let bucket = buckets.find(
      (b) =>
        b.rows === instance.rows &&
        b.columns === instance.columns &&
        sameOrientation(b.orientation, orientation),
    );
    if (!bucket) {
      bucket = { rows: instance.rows, columns: instance.columns, orientation, members: [] };
      buckets.push(bucket);
    }
    bucket.members.push(instance);
  }
  return buckets;
}

function seriesWarnings(stacks: SliceStack<unknown>[]): SeriesWarning[] {
  const warnings: SeriesWarning[] = [];
  const sizes = new Set(stacks.map((stack) => `${stack.rows}x${stack.columns}`));
  if (sizes.size > 1) {
    warnings.push({
      code: 'MIXED_SIZE',
      message: `series holds images of ${sizes.size} sizes (${[...sizes].join(', ')}): split into separate stacks`,
    });
  }
  const orientations: (number[] | null)[] = [];
  for (const stack of stacks) {
    if (!orientations.some((o) => sameOrientation(o, stack.imageOrientationPatient))) {
      orientations.push(stack.imageOrientationPatient);
    }
  }
  if (orientations.length > 1) {
    warnings.push({
      code: 'MIXED_ORIENTATION',
      message: `series holds ${orientations.length} orientations: split into separate stacks`,
    });
  }
  return warnings;
}

function assembleOne<F>(
  studyInstanceUID: string,
  seriesInstanceUID: string,
  instances: SeriesInstanceInput<F>[],
): AssembledSeries<F> {
  const warnings: SeriesWarning[] = [];
  const seen = new Map<string, SeriesInstanceInput<F>>();
  const unique: SeriesInstanceInput<F>[] = [];
  for (const instance of instances) {
    const sop = instance.sopInstanceUID;
    if (sop && seen.has(sop)) {
      warnings.push({
        code: 'DUPLICATE_INSTANCE',
        message: 'the same SOP Instance UID was given more than once: the first is kept',
        sopInstanceUIDs: [sop],
      });
      continue;
    }
    if (sop) seen.set(sop, instance);
    unique.push(instance);
  }
  if (!studyInstanceUID || !seriesInstanceUID) {
    warnings.push({
      code: 'MISSING_UID',
      message:
        'Study or Series Instance UID missing: these instances are grouped under an empty UID',
    });
  }
  const single = unique.filter((instance) => (instance.numberOfFrames ?? 1) <= 1);
  const multi = unique.filter((instance) => (instance.numberOfFrames ?? 1) > 1);
  const stacks: SliceStack<F>[] = [
    ...bucketsOf(single).map(singleFrameStack),
    ...multi.map(multiFrameStack),
  ];
  stacks.sort(
    (a, b) =>
      b.slices.length - a.slices.length ||
      compareText(a.slices[0]?.sopInstanceUID ?? null, b.slices[0]?.sopInstanceUID ?? null),
  );
  return {
    studyInstanceUID,
    seriesInstanceUID,
    modality: unique.find((instance) => instance.modality)?.modality ?? null,
    instanceCount: unique.length,
    stacks,
    warnings: [...warnings, ...seriesWarnings(stacks)],
  };
}

/**
 * Groups instances by Study and Series Instance UID, splits each series into stacks of one
 * size and orientation (a multi-frame instance is a stack of its own frames), orders each
 * stack along its normal (IPP . (row x column)), falling back to InstanceNumber, and reports
 * spacing and typed warnings. Pure: the result depends only on the records, not their order.
 */
export function assembleSeries<F>(instances: SeriesInstanceInput<F>[]): AssembledSeries<F>[] {
  const groups = new Map<
    string,
    { study: string; series: string; members: SeriesInstanceInput<F>[] }
  >();
  for (const instance of instances) {
    const study = instance.studyInstanceUID ?? '';
    const series = instance.seriesInstanceUID ?? '';
    const key = `${study}\u0000${series}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { study, series, members: [] }));
    group.members.push(instance);
  }
  return [...groups.values()]
    .sort((a, b) => compareText(a.study, b.study) || compareText(a.series, b.series))
    .map((group) => assembleOne(group.study, group.series, group.members));
}
