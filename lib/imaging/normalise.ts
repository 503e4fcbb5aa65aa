import { SecondlookError } from '../errors';

/**
 * Linear rescale to float32: out = (x - inMin) / (inMax - inMin) * (outMax - outMin) + outMin,
 * e.g. 8-bit grey levels 0..255 to 0..1 for a model input.
 */
export function rescaleToFloat32(
  values: ArrayLike<number>,
  input: readonly [number, number],
  output: readonly [number, number] = [0, 1],
): Float32Array {
  const [inMin, inMax] = input;
  const [outMin, outMax] = output;
  if (!(inMax > inMin)) {
    throw new SecondlookError('BAD_RANGE', `input range [${inMin}, ${inMax}] is empty`);
  }
  const gain = (outMax - outMin) / (inMax - inMin);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ((values[i] as number) - inMin) * gain + outMin;
  return out;
}

/** Standardisation, out = (x - mean) / std, as a model manifest's normalisation asks. */
export function standardise(values: ArrayLike<number>, mean: number, std: number): Float32Array {
  if (!(std > 0)) throw new SecondlookError('BAD_RANGE', `standard deviation ${std} must be > 0`);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ((values[i] as number) - mean) / std;
  return out;
}
