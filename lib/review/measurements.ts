/**
 * Measurements a reader signs with a review: the viewer's length, angle, probe, ellipse and
 * bidirectional (a lesion's long axis and the longest axis across it, as Lung-RADS and RECIST
 * measure) annotations, each on one frame of one stored instance. Points are in pixel index coordinates
 * of that frame (column, row; 0, 0 the centre of the first pixel), as Cornerstone's tools work
 * in, so a measurement is drawn again where it was made. Values are what the viewer showed.
 */
import { SecondlookError } from '../errors';
import { measurementUnit, type MeasurementScale } from '../imaging/measurement-scale';

const MEASUREMENT_TOOLS = {
  Length: { points: 2, values: ['length'] },
  Angle: { points: 3, values: ['angle'] },
  Probe: { points: 1, values: ['value'] },
  EllipticalROI: { points: 4, values: ['area', 'mean', 'stdDev', 'min', 'max'] },
  Bidirectional: { points: 4, values: ['length', 'width'] },
} as const;

export type MeasurementTool = keyof typeof MEASUREMENT_TOOLS;

export interface MeasurementValue {
  name: string;
  value: number;
  unit: string;
}

export interface Measurement {
  tool: MeasurementTool;
  instanceId: number;
  /** 1-based frame of the instance. */
  frame: number;
  points: [number, number][];
  values: MeasurementValue[];
}

const MAX_MEASUREMENTS = 100;
/** Units as Cornerstone writes them: mm, mm², px, HU, and the like. */
const UNIT = /^[\w .%/²³°()-]{0,24}$/u;
/** Coordinates further than this from any image are not a measurement of it. */
const MAX_COORDINATE = 1_000_000;

function bad(message: string): SecondlookError {
  return new SecondlookError('BAD_MEASUREMENT', message);
}

function positiveInteger(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw bad(`${what} must be a positive integer`);
  return value as number;
}

function point(value: unknown, where: string): [number, number] {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((c) => Number.isFinite(c) && Math.abs(c as number) <= MAX_COORDINATE)
  ) {
    throw bad(`${where}: a point is [column, row], two finite numbers`);
  }
  return [value[0] as number, value[1] as number];
}

function values(value: unknown, tool: MeasurementTool, where: string): MeasurementValue[] {
  const allowed: readonly string[] = MEASUREMENT_TOOLS[tool].values;
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > allowed.length)
    throw bad(`${where}: values must be a list of at most ${allowed.length}`);
  const seen = new Set<string>();
  return value.map((item: unknown) => {
    const { name, value: number, unit } = (item ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !allowed.includes(name) || seen.has(name))
      throw bad(`${where}: a ${tool} value is one of ${allowed.join(', ')}, each once`);
    seen.add(name);
    if (typeof number !== 'number' || !Number.isFinite(number))
      throw bad(`${where}: ${name} must be a finite number`);
    if (typeof unit !== 'string' || !UNIT.test(unit))
      throw bad(`${where}: the unit of ${name} must be at most 24 plain characters`);
    return { name, value: number, unit };
  });
}

function measurement(item: unknown, index: number): Measurement {
  const where = `measurement ${index + 1}`;
  const raw = (item ?? {}) as Record<string, unknown>;
  if (typeof raw.tool !== 'string' || !Object.hasOwn(MEASUREMENT_TOOLS, raw.tool))
    throw bad(`${where}: tool must be one of ${Object.keys(MEASUREMENT_TOOLS).join(', ')}`);
  const tool = raw.tool as MeasurementTool;
  const count = MEASUREMENT_TOOLS[tool].points;
  if (!Array.isArray(raw.points) || raw.points.length !== count)
    throw bad(`${where}: a ${tool} has ${count} point(s)`);
  return {
    tool,
    instanceId: positiveInteger(raw.instanceId, `${where}: instanceId`),
    frame: positiveInteger(raw.frame, `${where}: frame`),
    points: raw.points.map((p: unknown) => point(p, where)),
    values: values(raw.values, tool, where),
  };
}

/** The shape of a review's measurements; their images are checked by checkMeasurements. */
export function parseMeasurements(value: unknown): Measurement[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_MEASUREMENTS)
    throw bad(`measurements must be a list of at most ${MAX_MEASUREMENTS}`);
  return value.map(measurement);
}

/** The distance between two points (mm with a pixel spacing, else pixels). */
function distance(
  [from, to]: [number, number][],
  [rowSpacing, columnSpacing]: readonly [number, number],
): number {
  const [[c1, r1], [c2, r2]] = [from!, to!];
  return Math.hypot((c2 - c1) * columnSpacing, (r2 - r1) * rowSpacing);
}

/**
 * The values a measurement's points make on a frame measured with `scale` (lib/imaging): a length
 * (mm, else px, with the scale's calibration label), an angle (degrees), an ellipse's area (its
 * handles are bottom, top, left and right) or a bidirectional's length and width (the longer and
 * the shorter of its two lines, as Cornerstone names them). Those that depend on the pixels (a probe's value, an
 * ellipse's mean) are not here.
 */
export function geometricValues(
  measurement: Measurement,
  scale: MeasurementScale,
): MeasurementValue[] {
  const spacing = scale.spacing ?? [1, 1];
  const { points } = measurement;
  if (measurement.tool === 'Length') {
    return [{ name: 'length', value: distance(points, spacing), unit: measurementUnit(scale) }];
  }
  if (measurement.tool === 'EllipticalROI') {
    const height = distance(points.slice(0, 2), spacing);
    const width = distance(points.slice(2, 4), spacing);
    return [
      {
        name: 'area',
        value: Math.PI * (width / 2) * (height / 2),
        unit: measurementUnit(scale, true),
      },
    ];
  }
  if (measurement.tool === 'Bidirectional') {
    const axes = [distance(points.slice(0, 2), spacing), distance(points.slice(2, 4), spacing)];
    const unit = measurementUnit(scale);
    return [
      { name: 'length', value: Math.max(...axes), unit },
      { name: 'width', value: Math.min(...axes), unit },
    ];
  }
  if (measurement.tool === 'Angle') {
    const [rowSpacing, columnSpacing] = spacing;
    const [[ax, ay], [bx, by], [cx, cy]] = points.map(([column, row]) => [
      column * columnSpacing,
      row * rowSpacing,
    ]) as [[number, number], [number, number], [number, number]];
    const [ux, uy, vx, vy] = [bx - ax, by - ay, bx - cx, by - cy];
    const cosine = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
    return [
      {
        name: 'angle',
        value: (Math.acos(Math.max(-1, Math.min(1, cosine))) * 180) / Math.PI,
        unit: '°',
      },
    ];
  }
  return [];
}
