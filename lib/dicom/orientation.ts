/**
 * Orientation markers: which way of the patient each edge of a displayed image faces, in the
 * letters of Patient Orientation (PS3.3 C.7.6.1.1.1): L left, R right, A anterior, P posterior,
 * H head, F foot. A direction is given in the patient coordinate system (LPS: +x towards the
 * patient's left, +y posterior, +z head), as a cross-sectional image's Image Orientation
 * (Patient) gives it; a radiograph has no such plane, and its markers come from its Patient
 * Orientation (0020,0020), which names its row and column directions.
 */
import { TAG } from './tags';
import type { DicomFile } from './types';
import { strings } from './values';

/** What each patient axis is called, positive way first: LPS for images with a plane. */
export type AxisLetters = readonly [
  readonly [string, string],
  readonly [string, string],
  readonly [string, string],
];

export const patientAxes: AxisLetters = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
];

/** A component this large or more of a unit direction gets a letter: 0.25 is about 75 degrees off the axis. */
const LETTER_THRESHOLD = 0.25;

const OPPOSITE: Record<string, string> = { L: 'R', R: 'L', A: 'P', P: 'A', H: 'F', F: 'H' };

/** The letters of a direction, strongest component first ("L", "LH" for an oblique); "" for none. */
function directionLetters(direction: readonly number[], axes: AxisLetters = patientAxes): string {
  const length = Math.hypot(...direction);
  if (!(length > 0)) return '';
  return [0, 1, 2]
    .map((axis) => ({ axis, value: (direction[axis] ?? 0) / length }))
    .filter(({ axis, value }) => Math.abs(value) >= LETTER_THRESHOLD && axes[axis]![0] !== '')
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .map(({ axis, value }) => axes[axis]![value > 0 ? 0 : 1])
    .join('');
}

export interface EdgeLetters {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/** The markers at a view's edges, from the directions its screen right and screen up face. */
export function edgeLetters(
  right: readonly number[],
  up: readonly number[],
  axes: AxisLetters = patientAxes,
): EdgeLetters {
  const negate = (v: readonly number[]) => v.map((x) => -x);
  return {
    top: directionLetters(up, axes),
    bottom: directionLetters(negate(up), axes),
    left: directionLetters(negate(right), axes),
    right: directionLetters(right, axes),
  };
}

function opposite(letters: string): string | null {
  const out = [...letters].map((letter) => OPPOSITE[letter]);
  return out.every(Boolean) ? out.join('') : null;
}

/**
 * The axis letters of an image without a plane in the patient, from its Patient Orientation:
 * the image's row direction (+x, left to right) and column direction (+y, top to bottom) as it
 * names them; null when the file does not name both in the standard's letters.
 */
export function projectionAxes(patientOrientation: readonly string[] | null): AxisLetters | null {
  const [row, column] = patientOrientation ?? [];
  if (!row || !column || patientOrientation!.length !== 2) return null;
  const rowOpposite = opposite(row);
  const columnOpposite = opposite(column);
  if (!rowOpposite || !columnOpposite) return null;
  return [
    [row, rowOpposite],
    [column, columnOpposite],
    ['', ''],
  ];
}

/** (0020,0020) Patient Orientation's values, e.g. ['L', 'F'] for a PA chest; null when absent. */
export function readPatientOrientation(file: DicomFile): string[] | null {
  const values = strings(file.dataSet, TAG.PatientOrientation);
  return values && values.some((v) => v !== '') ? values : null;
}
