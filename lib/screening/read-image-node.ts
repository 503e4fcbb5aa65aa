/**
 * Node-only: a DICOM or PNG file to a display image plus the header facts the intended-use
 * check needs. DICOM goes through lib/dicom (parse, decode frame 0) and lib/imaging's display
 * pipeline (modality LUT, the file's VOI or an auto window, MONOCHROME1 inversion), as the
 * manifest's preprocessing says. No patient identifiers leave this function.
 */
import { readFile } from 'node:fs/promises';
import { decodeFrame, parseDicom, readInstanceMetadata, readPixelModule } from '../dicom';
import { SecondlookError } from '../errors';
import { dicomScopeFacts } from '../inference';
import { decodePng, renderDisplay } from '../imaging/node';
import type { ScreeningInput } from './screen-images';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface ReadImage extends ScreeningInput {
  kind: 'dicom' | 'png';
}

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((value, i) => bytes[i] === value);
}

/** A DICOM file already parsed elsewhere (e.g. from the store), frame 0. */
export async function dicomToScreeningInput(bytes: Uint8Array, file: string): Promise<ReadImage> {
  const dicom = parseDicom(bytes, { file });
  const meta = readInstanceMetadata(dicom);
  const frame = await decodeFrame(dicom, 0);
  const image = renderDisplay(frame, readPixelModule(dicom));
  return {
    kind: 'dicom',
    image,
    facts: dicomScopeFacts(meta, frame),
  };
}

export async function readImageFile(file: string): Promise<ReadImage> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SecondlookError('READ_FAILED', `cannot read the file (${reason})`, { file });
  }
  if (isPng(bytes)) {
    const image = decodePng(bytes, file);
    const facts = {
      modality: null,
      viewPosition: null,
      bodyPart: null,
      rows: image.height,
      columns: image.width,
      // A PNG has no header to say whether text is burned in.
      burnedInAnnotation: false,
    };
    return { kind: 'png', image, facts };
  }
  return dicomToScreeningInput(bytes, file);
}
