import { SecondlookError } from '../errors';
import type { LutTable } from './types';

/** Entries in a LUT: descriptor[0], where 0 stands for 65536 (PS3.3 C.11.1.1.1). */
export function lutEntryCount(lut: LutTable): number {
  const declared = lut.descriptor[0] === 0 ? 65536 : lut.descriptor[0];
  if (lut.data.length < declared) {
    throw new SecondlookError(
      'BAD_LUT',
      `LUT descriptor declares ${declared} entries but the LUT data holds ${lut.data.length}`,
    );
  }
  if (declared < 1) throw new SecondlookError('BAD_LUT', 'LUT has no entries');
  return declared;
}

/**
 * Looks x up in a LUT (PS3.3 C.11.1.1.1 / C.11.2.1.1): inputs below the first mapped value map
 * to the first entry, inputs past the last entry map to the last entry, others to
 * data[floor(x) - first].
 */
export function lookUp(lut: LutTable, count: number, x: number): number {
  const index = Math.floor(x) - lut.descriptor[1];
  if (index <= 0) return lut.data[0] as number;
  if (index >= count - 1) return lut.data[count - 1] as number;
  return lut.data[index] as number;
}
