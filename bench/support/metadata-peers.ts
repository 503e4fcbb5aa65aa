/**
 * The peers our metadata parse is measured against, reading the same tags as lib/dicom's
 * readInstanceMetadata: dicom-parser used directly (the floor: it is what lib/dicom wraps),
 * and dcmjs's DicomMessage.readFile (a full parse into a dictionary).
 */
import { createRequire } from 'node:module';
import dicomParser from 'dicom-parser';

/** The tags readInstanceMetadata reads, with how each is decoded. */
const tags: [string, 'str' | 'us' | 'int' | 'num' | 'nums' | 'strs'][] = [
  ['x00080018', 'str'],
  ['x0020000e', 'str'],
  ['x0020000d', 'str'],
  ['x00080060', 'str'],
  ['x00020010', 'str'],
  ['x00280010', 'us'],
  ['x00280011', 'us'],
  ['x00280008', 'int'],
  ['x00280100', 'us'],
  ['x00280101', 'us'],
  ['x00280103', 'us'],
  ['x00280004', 'str'],
  ['x00280002', 'us'],
  ['x00281050', 'nums'],
  ['x00281051', 'nums'],
  ['x00281053', 'num'],
  ['x00281052', 'num'],
  ['x00200032', 'nums'],
  ['x00200037', 'nums'],
  ['x00280030', 'nums'],
  ['x00080016', 'str'],
  ['x00200013', 'int'],
  ['x00200011', 'int'],
  ['x0008103e', 'str'],
  ['x00080020', 'str'],
  ['x00080030', 'str'],
  ['x00081030', 'str'],
  ['x00080050', 'str'],
  ['x00100010', 'str'],
  ['x00100020', 'str'],
  ['x00100030', 'str'],
  ['x00100040', 'str'],
  ['x00180015', 'str'],
  ['x00185101', 'str'],
  ['x00180050', 'num'],
  ['x00200052', 'str'],
  ['x00080008', 'strs'],
  ['x00080070', 'str'],
];

/** dicom-parser: parseDicom(byteArray) and the same tags through its accessors. */
export function readWithDicomParser(bytes: Uint8Array): Record<string, unknown> {
  const ds = dicomParser.parseDicom(bytes);
  const out: Record<string, unknown> = {};
  for (const [tag, kind] of tags) {
    if (!ds.elements[tag]) {
      out[tag] = null;
    } else if (kind === 'us') {
      out[tag] = ds.uint16(tag);
    } else if (kind === 'int') {
      out[tag] = ds.intString(tag);
    } else if (kind === 'num') {
      out[tag] = ds.floatString(tag);
    } else if (kind === 'nums') {
      out[tag] = ds.string(tag)?.split('\\').map(Number);
    } else if (kind === 'strs') {
      out[tag] = ds.string(tag)?.split('\\');
    } else {
      out[tag] = ds.string(tag);
    }
  }
  return out;
}

interface DcmjsElement {
  Value?: unknown[];
}
interface Dcmjs {
  data: {
    DicomMessage: {
      readFile(buffer: ArrayBuffer): {
        dict: Record<string, DcmjsElement>;
        meta: Record<string, DcmjsElement>;
      };
    };
  };
}

const dcmjs = createRequire(__filename)('dcmjs') as Dcmjs;

/** dcmjs: DicomMessage.readFile(arrayBuffer) and the same tags from its dictionary. */
export function readWithDcmjs(bytes: Uint8Array): Record<string, unknown> {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const message = dcmjs.data.DicomMessage.readFile(buffer);
  const out: Record<string, unknown> = {};
  for (const [tag, kind] of tags) {
    const key = tag.slice(1).toUpperCase();
    const element = message.dict[key] ?? message.meta[key];
    const values = element?.Value ?? null;
    out[tag] = kind === 'nums' || kind === 'strs' ? values : (values?.[0] ?? null);
  }
  return out;
}
