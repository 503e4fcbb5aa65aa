/**
 * A one-frame MONOCHROME2 image written with lib/dicom's writer, for tests that need header
 * values no public file has (a Latin-1 patient name, a missing Study UID, a Patient ID shared by
 * chance). The header elements are the caller's; the pixel module is filled in: 8-bit zeros, or
 * 12 bits of a fixed pattern in 16 (enough texture for the model to score).
 */
import { writePart10, type WritableElement } from '../../lib/dicom';

export function syntheticImage(options: {
  sopClassUID: string;
  sopInstanceUID: string;
  size: number;
  bits: 8 | 12;
  header: WritableElement[];
}): Uint8Array {
  const { sopClassUID, sopInstanceUID, size, bits } = options;
  const pixels =
    bits === 8
      ? new Uint8Array(size * size)
      : Uint16Array.from({ length: size * size }, (_, i) => (i * 7919) % 4096);
  const dataset: WritableElement[] = [
    ...options.header,
    { tag: 0x00080016, vr: 'UI', value: sopClassUID },
    { tag: 0x00080018, vr: 'UI', value: sopInstanceUID },
    { tag: 0x00280002, vr: 'US', value: [1] },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: [size] },
    { tag: 0x00280011, vr: 'US', value: [size] },
    { tag: 0x00280100, vr: 'US', value: [bits === 8 ? 8 : 16] },
    { tag: 0x00280101, vr: 'US', value: [bits] },
    { tag: 0x00280102, vr: 'US', value: [bits - 1] },
    { tag: 0x00280103, vr: 'US', value: [0] },
    { tag: 0x7fe00010, vr: bits === 8 ? 'OB' : 'OW', value: pixels },
  ];
  return writePart10(dataset, { sopClassUID, sopInstanceUID });
}
