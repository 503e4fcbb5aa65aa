/**
 * The viewer's measurements as data: Cornerstone3D's length, angle, probe and ellipse
 * annotations read out as points in pixel index coordinates of their image with the values the
 * tools computed, and measurements drawn again from that form. An image's measurements are
 * drawn once it is on screen (its plane geometry is known only then); until then they wait,
 * and are listed all the same.
 */
import { eventTarget, metaData, type Types } from '@cornerstonejs/core';
import {
  annotation as annotations,
  Enums as ToolEnums,
  type AnnotationTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { MeasurementTool, MeasurementValue } from '@/lib/review';
import { toolClasses } from './cornerstone-setup';
import type { ViewerMeasurement } from './types';

const measuring = {
  Length: true,
  Angle: true,
  Probe: true,
  EllipticalROI: true,
  Bidirectional: true,
} satisfies Record<MeasurementTool, true>;

const changeEvents = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
] as const;

interface Plane {
  origin: Types.Point3;
  row: Types.Point3;
  column: Types.Point3;
  /** Spacing between columns (x) and between rows (y), as Cornerstone's image data has it. */
  spacing: [number, number];
}

function planeOf(imageId: string): Plane | null {
  const found = metaData.get('imagePlaneModule', imageId) as
    | {
        imagePositionPatient?: number[];
        rowCosines?: number[];
        columnCosines?: number[];
        rowPixelSpacing?: number | null;
        columnPixelSpacing?: number | null;
      }
    | undefined;
  if (!found) return null;
  return {
    origin: (found.imagePositionPatient ?? [0, 0, 0]) as Types.Point3,
    row: (found.rowCosines ?? [1, 0, 0]) as Types.Point3,
    column: (found.columnCosines ?? [0, 1, 0]) as Types.Point3,
    spacing: [found.columnPixelSpacing || 1, found.rowPixelSpacing || 1],
  };
}

const dot = (a: readonly number[], b: readonly number[]) =>
  a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

/** World point to pixel index (column, row), as Cornerstone's stack image data maps them. */
function toIndex(plane: Plane, world: Types.Point3): [number, number] {
  const offset = world.map((value, i) => value - plane.origin[i]!);
  return [dot(offset, plane.row) / plane.spacing[0], dot(offset, plane.column) / plane.spacing[1]];
}

function toWorld(plane: Plane, [column, row]: [number, number]): Types.Point3 {
  const [dx, dy] = [column * plane.spacing[0], row * plane.spacing[1]];
  return plane.origin.map(
    (value, i) => value + dx * plane.row[i]! + dy * plane.column[i]!,
  ) as Types.Point3;
}

type Stats = Record<string, unknown>;

function value(name: string, number: unknown, unit: unknown): MeasurementValue[] {
  return typeof number === 'number' && Number.isFinite(number)
    ? [{ name, value: number, unit: typeof unit === 'string' ? unit : '' }]
    : [];
}

/** The numbers a tool shows, named as lib/review keeps them. */
function valuesOf(tool: MeasurementTool, stats: Stats | undefined): MeasurementValue[] {
  if (!stats) return [];
  switch (tool) {
    case 'Length':
      return value('length', stats.length, stats.unit);
    case 'Angle':
      return value('angle', stats.angle, '°');
    case 'Probe':
      return value('value', stats.value, stats.modalityUnit);
    case 'EllipticalROI':
      return [
        ...value('area', stats.area, stats.areaUnit),
        ...(['mean', 'stdDev', 'min', 'max'] as const).flatMap((name) =>
          value(name, stats[name], stats.modalityUnit),
        ),
      ];
    case 'Bidirectional':
      return [
        ...value('length', stats.length, stats.unit),
        ...value('width', stats.width, stats.unit),
      ];
  }
}

function isMeasuring(toolName: string): toolName is MeasurementTool {
  return Object.hasOwn(measuring, toolName);
}

export class MeasurementLayer {
  /** Measurements of images not yet drawn on, by image id. */
  private readonly waiting = new Map<string, ViewerMeasurement[]>();
  private frame = 0;
  private readonly changed = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.onChange(this.list());
    });
  };

  constructor(
    private readonly viewport: () => Types.IStackViewport,
    private readonly onChange: (measurements: ViewerMeasurement[]) => void,
  ) {
    for (const event of changeEvents) eventTarget.addEventListener(event, this.changed);
  }

  /** Every measurement: those drawn, then those waiting for their image. */
  list(): ViewerMeasurement[] {
    const onScreen = this.viewport().getCurrentImageId();
    const drawn = annotations.state.getAllAnnotations().flatMap((annotation) => {
      const toolName = annotation.metadata?.toolName ?? '';
      const imageId = annotation.metadata?.referencedImageId;
      const plane = imageId ? planeOf(imageId) : null;
      if (!isMeasuring(toolName) || !imageId || !plane || !annotation.annotationUID) return [];
      const stats = annotation.data.cachedStats as Record<string, Stats> | undefined;
      const points = (annotation.data.handles?.points ?? []) as Types.Point3[];
      return [
        {
          uid: annotation.annotationUID,
          tool: toolName,
          imageId,
          points: points.map((point) => toIndex(plane, point)),
          values: valuesOf(toolName, stats?.[`imageId:${imageId}`]),
          ...(annotation.invalidated && imageId === onScreen ? { pending: true as const } : {}),
        },
      ];
    });
    return [...drawn, ...[...this.waiting.values()].flat()];
  }

  /** Adds the measurements not in the viewer yet (by uid). */
  add(measurements: readonly ViewerMeasurement[]): void {
    const known = new Set(this.list().map((measurement) => measurement.uid));
    for (const measurement of measurements) {
      if (known.has(measurement.uid)) continue;
      this.waiting.set(measurement.imageId, [
        ...(this.waiting.get(measurement.imageId) ?? []),
        measurement,
      ]);
    }
    this.drawWaiting();
    this.changed();
  }

  /** Shows exactly these measurements: every other one is removed. */
  replace(measurements: readonly ViewerMeasurement[]): void {
    this.waiting.clear();
    this.removeDrawn();
    this.viewport().render();
    this.add(measurements);
  }

  /** Removes the measurements Cornerstone has selected (one is as it is drawn or clicked). */
  removeSelected(): void {
    for (const uid of annotations.selection.getAnnotationsSelected()) {
      const annotation = annotations.state.getAnnotation(uid);
      if (annotation && isMeasuring(annotation.metadata?.toolName ?? '')) this.remove(uid);
    }
  }

  remove(uid: string): void {
    for (const [imageId, list] of this.waiting) {
      this.waiting.set(
        imageId,
        list.filter((measurement) => measurement.uid !== uid),
      );
    }
    if (annotations.state.getAnnotation(uid)) annotations.state.removeAnnotation(uid);
    this.viewport().render();
    this.changed();
  }

  /** Draws the waiting measurements of the image on screen, if it has any. */
  drawWaiting(): void {
    const viewport = this.viewport();
    const imageId = viewport.getCurrentImageId();
    const list = imageId ? this.waiting.get(imageId) : undefined;
    const plane = imageId ? planeOf(imageId) : null;
    if (!list || !plane) return;
    this.waiting.delete(imageId!);
    for (const measurement of list) {
      const tool = toolClasses[measurement.tool] as unknown as typeof AnnotationTool;
      const annotation = tool.createAnnotationForViewport<ToolTypes.Annotation>(viewport, {
        annotationUID: measurement.uid,
        highlighted: false,
        metadata: { referencedImageId: imageId },
        data: { handles: { points: measurement.points.map((point) => toWorld(plane, point)) } },
      });
      annotations.state.addAnnotation(annotation, viewport.element);
    }
    viewport.render();
    this.changed();
  }

  destroy(): void {
    for (const event of changeEvents) eventTarget.removeEventListener(event, this.changed);
    cancelAnimationFrame(this.frame);
    this.removeDrawn();
  }

  private removeDrawn(): void {
    for (const annotation of annotations.state.getAllAnnotations()) {
      if (isMeasuring(annotation.metadata?.toolName ?? '') && annotation.annotationUID)
        annotations.state.removeAnnotation(annotation.annotationUID);
    }
  }
}
