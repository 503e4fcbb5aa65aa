import { SecondlookError } from '../errors';
import { lookUp, lutEntryCount } from './lookup-table';
import type { LutTable, VoiLutFunction } from './types';

/** The VOI LUT stage (PS3.3 C.11.2): a window with its function, or a VOI LUT Sequence item. */
export type VoiTransform =
  | { kind: 'window'; center: number; width: number; fn: VoiLutFunction }
  | { kind: 'lut'; lut: LutTable };

/**
 * VOI LUT Function LINEAR, PS3.3 C.11.2.1.2.1 (width must be >= 1):
 *
 *   if      x <= c - 0.5 - (w - 1) / 2   then y = ymin
 *   else if x >  c - 0.5 + (w - 1) / 2   then y = ymax
 *   else    y = ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin
 *
 * (For w = 1 the middle branch is empty: the window is a threshold at c - 0.5.)
 */
export function voiLinear(x: number, c: number, w: number, ymin: number, ymax: number): number {
  if (x <= c - 0.5 - (w - 1) / 2) return ymin;
  if (x > c - 0.5 + (w - 1) / 2) return ymax;
  return ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin;
}

/**
 * VOI LUT Function LINEAR_EXACT, PS3.3 C.11.2.1.3.2 (width must be > 0):
 *
 *   if      x <= c - w / 2   then y = ymin
 *   else if x >  c + w / 2   then y = ymax
 *   else    y = ((x - c) / w + 0.5) * (ymax - ymin) + ymin
 */
export function voiLinearExact(
  x: number,
  c: number,
  w: number,
  ymin: number,
  ymax: number,
): number {
  if (x <= c - w / 2) return ymin;
  if (x > c + w / 2) return ymax;
  return ((x - c) / w + 0.5) * (ymax - ymin) + ymin;
}

/**
 * VOI LUT Function SIGMOID, PS3.3 C.11.2.1.3.1 (width must be > 0):
 *
 *   y = (ymax - ymin) / (1 + exp(-4 * (x - c) / w)) + ymin
 */
export function voiSigmoid(x: number, c: number, w: number, ymin: number, ymax: number): number {
  return (ymax - ymin) / (1 + Math.exp((-4 * (x - c)) / w)) + ymin;
}

const functions: Record<VoiLutFunction, typeof voiLinear> = {
  LINEAR: voiLinear,
  LINEAR_EXACT: voiLinearExact,
  SIGMOID: voiSigmoid,
};

/** (0028,1056) as a known function; absent or unrecognised values mean LINEAR (the default). */
export function parseVoiLutFunction(value: string | null | undefined): VoiLutFunction {
  const trimmed = value?.trim().toUpperCase();
  return trimmed === 'LINEAR_EXACT' || trimmed === 'SIGMOID' ? trimmed : 'LINEAR';
}

/** Throws unless the width is allowed for the function (LINEAR: w >= 1, the others: w > 0). */
export function checkWindow(center: number, width: number, fn: VoiLutFunction): void {
  const ok = fn === 'LINEAR' ? width >= 1 : width > 0;
  if (!Number.isFinite(center) || !Number.isFinite(width) || !ok) {
    throw new SecondlookError(
      'BAD_WINDOW',
      `window ${center},${width} is not valid for VOI LUT function ${fn} (width must be ${fn === 'LINEAR' ? '>= 1' : '> 0'})`,
    );
  }
}

/**
 * Modality values to display values in [0, 1] (ymin = 0, ymax = 1). A VOI LUT Sequence item
 * maps x to LUT[x] / (2^bits - 1), bits from descriptor[2]; when entries exceed what the
 * descriptor's bits allow (a known producer error) the largest entry is used as full scale.
 */
export function applyVoi(values: Float32Array, voi: VoiTransform): Float32Array {
  const out = new Float32Array(values.length);
  if (voi.kind === 'lut') {
    const count = lutEntryCount(voi.lut);
    let fullScale = 2 ** voi.lut.descriptor[2] - 1;
    for (let i = 0; i < count; i++) fullScale = Math.max(fullScale, voi.lut.data[i] as number);
    for (let i = 0; i < values.length; i++) {
      out[i] = lookUp(voi.lut, count, values[i] as number) / fullScale;
    }
    return out;
  }
  checkWindow(voi.center, voi.width, voi.fn);
  const fn = functions[voi.fn];
  for (let i = 0; i < values.length; i++)
    out[i] = fn(values[i] as number, voi.center, voi.width, 0, 1);
  return out;
}

/** Display values in [0, 1] to 8-bit grey levels, y8 = round(255 * y). */
export function quantiseToUint8(unit: Float32Array): Uint8Array {
  const out = new Uint8Array(unit.length);
  for (let i = 0; i < unit.length; i++) out[i] = Math.round((unit[i] as number) * 255);
  return out;
}
