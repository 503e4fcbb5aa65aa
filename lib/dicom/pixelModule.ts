/**
 * readPixelModule: the Image Pixel module and the LUT/window attributes that turn stored values
 * into a display (modality LUT or rescale, VOI windows or LUTs, palettes). Reads lazily from the
 * parsed dataset; checks every length before reading LUT data.
 */
import type { DataSet } from 'dicom-parser';
import { SecondlookError } from '../errors';
import { TAG } from './tags';
import type { DicomFile, LookupTable, PixelModule, WindowSetting } from './types';
import { intValue, num, numbers, presentElement, str, strings, us } from './values';

function readLut(
  ds: DataSet,
  descriptorTag: string,
  dataTag: string,
  signedFirst: boolean,
): LookupTable | null {
  const desc = presentElement(ds, descriptorTag);
  const data = presentElement(ds, dataTag);
  if (!desc || !data || desc.length < 6) return null;
  const entries = ds.uint16(descriptorTag, 0)! || 65536;
  const firstRaw = ds.uint16(descriptorTag, 1)!;
  const first = signedFirst && firstRaw >= 0x8000 ? firstRaw - 0x10000 : firstRaw;
  const bits = ds.uint16(descriptorTag, 2)!;
  const bytes = ds.byteArray;
  const out = new Uint16Array(entries);
  const bigEndian = ds.byteArrayParser.readUint16(new Uint8Array([1, 0]), 0) !== 1;
  if (bits <= 8 && data.length >= entries && data.length <= entries + 1) {
    // 8-bit entries packed one per byte.
    for (let i = 0; i < entries; i++) out[i] = bytes[data.dataOffset + i]!;
  } else {
    const n = Math.min(entries, Math.floor(data.length / 2));
    for (let i = 0; i < n; i++) {
      const at = data.dataOffset + 2 * i;
      out[i] = bigEndian ? (bytes[at]! << 8) | bytes[at + 1]! : bytes[at]! | (bytes[at + 1]! << 8);
    }
  }
  return {
    descriptor: [entries, first, bits],
    data: out,
    explanation: str(ds, TAG.LUTExplanation),
  };
}

function lutItems(ds: DataSet, sequenceTag: string, signedFirst: boolean): LookupTable[] {
  const items = ds.elements[sequenceTag]?.items ?? [];
  const out: LookupTable[] = [];
  for (const item of items) {
    if (!item.dataSet) continue;
    const lut = readLut(item.dataSet, TAG.LUTDescriptor, TAG.LUTData, signedFirst);
    if (!lut) continue;
    lut.explanation = str(item.dataSet, TAG.LUTExplanation);
    if (sequenceTag === TAG.ModalityLUTSequence)
      lut.lutType = str(item.dataSet, TAG.ModalityLUTType);
    out.push(lut);
  }
  return out;
}

export function readPixelModule(file: DicomFile): PixelModule {
  const ds = file.dataSet;
  const rows = us(ds, TAG.Rows);
  const columns = us(ds, TAG.Columns);
  const bitsAllocated = us(ds, TAG.BitsAllocated);
  const floatPixelData = ds.elements[TAG.FloatPixelData]
    ? 'float32'
    : ds.elements[TAG.DoubleFloatPixelData]
      ? 'float64'
      : null;
  if (!rows || !columns || (!bitsAllocated && !floatPixelData)) {
    throw new SecondlookError(
      'NO_PIXEL_DATA',
      'no image pixel module: Rows, Columns or BitsAllocated missing or zero',
      { file: file.file ?? undefined },
    );
  }
  const ba = bitsAllocated ?? (floatPixelData === 'float64' ? 64 : 32);
  const bitsStored = us(ds, TAG.BitsStored) ?? ba;
  const pixelRepresentation = us(ds, TAG.PixelRepresentation) ?? 0;
  const signed = pixelRepresentation === 1;
  const centers = numbers(ds, TAG.WindowCenter) ?? [];
  const widths = numbers(ds, TAG.WindowWidth) ?? [];
  const explanations = strings(ds, TAG.WindowCenterWidthExplanation) ?? [];
  const windows: WindowSetting[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    windows.push({ center: centers[i]!, width: widths[i]!, explanation: explanations[i] ?? null });
  }
  const photometricInterpretation =
    str(ds, TAG.PhotometricInterpretation) ??
    ((us(ds, TAG.SamplesPerPixel) ?? 1) === 3 ? 'RGB' : 'MONOCHROME2');
  let palette: PixelModule['palette'] = null;
  if (photometricInterpretation === 'PALETTE COLOR') {
    const red = readLut(ds, TAG.RedPaletteDescriptor, TAG.RedPaletteData, false);
    const green = readLut(ds, TAG.GreenPaletteDescriptor, TAG.GreenPaletteData, false);
    const blue = readLut(ds, TAG.BluePaletteDescriptor, TAG.BluePaletteData, false);
    if (red && green && blue) palette = { red, green, blue };
  }
  return {
    rows,
    columns,
    samplesPerPixel: us(ds, TAG.SamplesPerPixel) ?? 1,
    photometricInterpretation,
    bitsAllocated: ba,
    bitsStored: Math.min(bitsStored || ba, ba),
    highBit: us(ds, TAG.HighBit) ?? (bitsStored || ba) - 1,
    pixelRepresentation,
    planarConfiguration: us(ds, TAG.PlanarConfiguration) ?? 0,
    numberOfFrames: Math.max(1, intValue(ds, TAG.NumberOfFrames) ?? 1),
    rescaleSlope: num(ds, TAG.RescaleSlope) ?? 1,
    rescaleIntercept: num(ds, TAG.RescaleIntercept) ?? 0,
    rescaleType: str(ds, TAG.RescaleType),
    modalityLut: lutItems(ds, TAG.ModalityLUTSequence, signed)[0] ?? null,
    windows,
    voiLutFunction: str(ds, TAG.VOILUTFunction),
    voiLuts: lutItems(ds, TAG.VOILUTSequence, signed),
    palette,
    floatPixelData,
  };
}
