/**
 * A 300-slice 512x512 CT series for benchmarks, written at bench time to the git-ignored
 * bench/.work/ from one real CT in ../shared/data (explicit VR little endian, 16-bit). Each
 * slice is the source file with new Study/Series/SOP Instance UIDs, a new InstanceNumber,
 * ImagePositionPatient and SliceLocation, edited at the byte level: the changed elements are
 * re-encoded and the group lengths of their groups corrected, everything else (pixel data
 * included) is copied as is. The store and viewer benches reuse the same series.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';

export const benchWorkDir = path.resolve(__dirname, '..', '.work');

export const sourceCtPath = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'dicom',
  'cornerstone3D',
  'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
);

export interface BenchSeries {
  dir: string;
  /** Slice files in InstanceNumber order. */
  files: string[];
  rows: number;
  columns: number;
  sliceThickness: number;
  seriesInstanceUID: string;
}

interface Replacement {
  tag: string;
  vr: 'UI' | 'IS' | 'DS';
  value: string;
}

/** A UID under the 2.25 (UUID-derived) root, deterministic per (series seed, suffix). */
function benchUid(seed: number, suffix: number): string {
  return `2.25.${(1_000_000_007n * BigInt(seed + 1)).toString()}${suffix.toString().padStart(4, '0')}`;
}

function encodeValue(vr: Replacement['vr'], value: string): Buffer {
  const padded = value.length % 2 ? value + (vr === 'UI' ? '\0' : ' ') : value;
  return Buffer.from(padded, 'latin1');
}

/**
 * The source bytes with the given elements re-encoded (explicit VR little endian, 8-byte
 * headers) and each touched group's (gggg,0000) group length adjusted by the size change.
 */
function rewriteElements(source: Uint8Array, replacements: Replacement[]): Buffer {
  const dataSet = dicomParser.parseDicom(source, { untilTag: 'x7fe00010' });
  const edits = replacements.map((replacement) => {
    const element = dataSet.elements[replacement.tag];
    if (!element) throw new Error(`bench source lacks ${replacement.tag}`);
    const value = encodeValue(replacement.vr, replacement.value);
    const header = Buffer.alloc(8);
    header.writeUInt16LE(parseInt(replacement.tag.slice(1, 5), 16), 0);
    header.writeUInt16LE(parseInt(replacement.tag.slice(5, 9), 16), 2);
    header.write(replacement.vr, 4, 'latin1');
    header.writeUInt16LE(value.length, 6);
    return {
      start: element.dataOffset - 8,
      end: element.dataOffset + element.length,
      bytes: Buffer.concat([header, value]),
      group: replacement.tag.slice(1, 5),
      delta: value.length - element.length,
    };
  });
  edits.sort((a, b) => a.start - b.start);
  const groupDelta = new Map<string, number>();
  for (const edit of edits)
    groupDelta.set(edit.group, (groupDelta.get(edit.group) ?? 0) + edit.delta);
  const input = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const edit of edits) {
    chunks.push(input.subarray(at, edit.start), edit.bytes);
    at = edit.end;
  }
  chunks.push(input.subarray(at));
  const out = Buffer.concat(chunks);
  // Group length elements all precede the edits of their own group, so their offsets hold.
  for (const [group, delta] of groupDelta) {
    const element = dataSet.elements[`x${group}0000`];
    if (!element || delta === 0) continue;
    const shift = edits
      .filter((edit) => edit.start < element.dataOffset)
      .reduce((sum, edit) => sum + edit.delta, 0);
    const offset = element.dataOffset + shift;
    out.writeUInt32LE(out.readUInt32LE(offset) + delta, offset);
  }
  return out;
}

const ds = (value: number) => Number(value.toFixed(6)).toString();

/**
 * Writes (or reuses, when already complete) `count` slices to
 * bench/.work/ct-series-<count>x<thickness>mm/.
 * Slice i sits at z = z0 + i * thickness along the source's axial orientation.
 */
export function ensureBenchSeries(count = 300, sliceThickness = 1.25): BenchSeries {
  const dir = path.join(benchWorkDir, `ct-series-${count}x${sliceThickness}mm`);
  const files = Array.from({ length: count }, (_, i) =>
    path.join(dir, `slice-${String(i + 1).padStart(4, '0')}.dcm`),
  );
  const seriesInstanceUID = benchUid(count, 9001);
  const complete =
    existsSync(dir) && readdirSync(dir).filter((name) => name.endsWith('.dcm')).length === count;
  if (!complete) {
    mkdirSync(dir, { recursive: true });
    const source = new Uint8Array(readFileSync(sourceCtPath));
    const studyInstanceUID = benchUid(count, 9000);
    files.forEach((file, i) => {
      const sop = benchUid(count, i);
      const z = -150 + i * sliceThickness;
      const bytes = rewriteElements(source, [
        { tag: 'x00020003', vr: 'UI', value: sop },
        { tag: 'x00080018', vr: 'UI', value: sop },
        { tag: 'x0020000d', vr: 'UI', value: studyInstanceUID },
        { tag: 'x0020000e', vr: 'UI', value: seriesInstanceUID },
        { tag: 'x00200013', vr: 'IS', value: String(i + 1) },
        { tag: 'x00200032', vr: 'DS', value: `-161.399994\\-148.800003\\${ds(z)}` },
        { tag: 'x00201041', vr: 'DS', value: ds(z) },
      ]);
      writeFileSync(file, bytes);
    });
  }
  return { dir, files, rows: 512, columns: 512, sliceThickness, seriesInstanceUID };
}
