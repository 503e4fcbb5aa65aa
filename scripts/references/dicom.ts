/**
 * Reference values for lib/dicom, produced by independent tools (never by lib/dicom):
 *
 * - metadata: DCMTK `dcmdump` of the original file (top-level elements, values as printed);
 * - pixels: the file decompressed by GDCM `gdcmconv --raw` (or, where GDCM cannot, DCMTK
 *   `dcmdrle` / `dcmdjpeg` / `dcmdjpls`), then
 *   - grayscale and RGB: the raw Pixel Data value dumped by GDCM `gdcmraw` (stored bytes,
 *     little endian, unmasked);
 *   - YBR_* and PALETTE COLOR: DCMTK `dcmj2pnm` RGB PPM per frame (its own colour conversion);
 * - HTJ2K pixels, which neither GDCM 3.0 nor DCMTK 3.6 decode: each frame's codestream taken out
 *   with DCMTK `dcmdump +W` and decoded by OpenJPEG's `opj_decompress` (./htj2k.ts).
 *
 * Results are cached under tests/.work/references/<sha256 of the input>/ (git-ignored), so the
 * tools run once per file. Run directly to build the cache: `npx tsx scripts/references/dicom.ts`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeHTJ2KWithOpenJPEG } from './htj2k';

/** Bump when the way references are made changes: old caches are then ignored. */
const REFERENCE_VERSION = 'v4';

export const referenceRoot = path.resolve(
  __dirname,
  '..',
  '..',
  'tests',
  '.work',
  'references',
  REFERENCE_VERSION,
);

export interface PixelReference {
  /** How the decompressed file was made. */
  via: 'original' | 'gdcmconv' | 'dcmconv' | 'dcmdrle' | 'dcmdjpeg' | 'dcmdjpls' | 'opj_decompress';
  /**
   * 'raw': bytes of the whole Pixel Data (gdcmraw, or opj_decompress planes for HTJ2K);
   * 'ppm': one RGB PPM per frame.
   */
  kind: 'raw' | 'ppm';
  /** Attributes of the decompressed file, from dcmdump. */
  photometricInterpretation: string;
  planarConfiguration: number;
  bitsAllocated: number;
  /** Files under the reference folder: one raw file, or one PPM per frame. */
  files: string[];
}

export interface DicomReference {
  sha256: string;
  /** dcmdump's output for the original file; null when dcmdump failed. */
  dump: string | null;
  dumpError: string | null;
  pixels: PixelReference | null;
  pixelError: string | null;
}

const TOOL_TIMEOUT = 120_000;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, {
    encoding: 'latin1',
    timeout: TOOL_TIMEOUT,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function tryRun(cmd: string, args: string[]): { ok: boolean; out: string; err: string } {
  try {
    return { ok: true, out: run(cmd, args), err: '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, out: e.stdout ?? '', err: `${e.stderr ?? ''}${e.message}`.slice(0, 2000) };
  }
}

/** One top-level element of a dcmdump listing. */
export interface DumpElement {
  tag: string;
  vr: string;
  /** The value text: inside [...] for strings, as printed for numbers; null when empty. */
  value: string | null;
}

/** Top-level elements (no indentation) of dcmdump output, by 'ggggeeee' (lower case). */
export function parseDump(dump: string): Map<string, DumpElement> {
  const out = new Map<string, DumpElement>();
  for (const line of dump.split('\n')) {
    const m = /^\(([0-9a-f]{4}),([0-9a-f]{4})\) ([A-Z?]{2}) (.*?)\s+#\s*(?:\d+|u\/l),/.exec(line);
    if (!m) continue;
    const [, g, e, vr, rawValue] = m;
    let value: string | null = rawValue!.trim();
    if (value === '(no value available)' || value === '') value = null;
    else if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
    else if (value.startsWith('=')) value = value.slice(1);
    out.set(`${g}${e}`, { tag: `${g}${e}`, vr: vr!, value });
  }
  return out;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function dumpValue(dump: string, tag: string): string | null {
  return parseDump(dump).get(tag)?.value ?? null;
}

/** dcmdump input option for a bare dataset, from MANIFEST's "read as ..." note. */
export function readAsOption(note: string | undefined): string[] {
  if (!note) return [];
  if (/big endian/i.test(note)) return ['-f', '-tb'];
  if (/explicit/i.test(note)) return ['-f', '-te'];
  if (/implicit/i.test(note)) return ['-f', '-ti'];
  return [];
}

/** Builds (or loads from cache) the reference for one file. */
export function ensureReference(file: string, options: { readAs?: string } = {}): DicomReference {
  const bytes = readFileSync(file);
  const hash = sha256(bytes);
  const dir = path.join(referenceRoot, hash);
  const cached = path.join(dir, 'reference.json');
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as DicomReference;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const isPart10 = bytes.length > 132 && bytes.toString('latin1', 128, 132) === 'DICM';
  const readAs = isPart10 ? [] : readAsOption(options.readAs);
  const dumped = tryRun('dcmdump', ['-q', '-Un', '+L', ...readAs, file]);
  const ref: DicomReference = {
    sha256: hash,
    dump: dumped.ok ? dumped.out : null,
    dumpError: dumped.ok ? null : dumped.err,
    pixels: null,
    pixelError: null,
  };
  const hasPixels = dumped.ok && parseDump(dumped.out).has('7fe00010');
  if (hasPixels) {
    try {
      ref.pixels = pixelReference(file, dir, dumpValue(dumped.out, '00020010'), readAs);
    } catch (error) {
      ref.pixelError = error instanceof Error ? error.message : String(error);
    }
  } else if (!dumped.ok) {
    ref.pixelError = 'dcmdump failed';
  }
  writeFileSync(cached, JSON.stringify(ref, null, 1));
  return ref;
}

function pixelReference(
  file: string,
  dir: string,
  ts: string | null,
  readAs: string[],
): PixelReference {
  if (ts !== null && HTJ2K.includes(ts)) return htj2kReference(file, dir);
  const converted = path.join(dir, 'decompressed.dcm');
  let via: PixelReference['via'] = 'gdcmconv';
  const native =
    ts === null ||
    [
      '1.2.840.10008.1.2',
      '1.2.840.10008.1.2.1',
      '1.2.840.10008.1.2.2',
      '1.2.840.10008.1.2.1.99',
    ].includes(ts);
  let source = converted;
  if (native && ts !== '1.2.840.10008.1.2.2' && ts !== '1.2.840.10008.1.2.1.99' && ts !== null) {
    via = 'original';
    source = file;
  } else {
    const attempts: [PixelReference['via'], string, string[]][] = [
      ['gdcmconv', 'gdcmconv', ['--raw', file, converted]],
    ];
    // DCMTK first for RLE: GDCM 3.0.21 mis-decodes 16-bit RGB RLE (SC_rgb_rle_16bit.dcm).
    if (ts === '1.2.840.10008.1.2.5') attempts.unshift(['dcmdrle', 'dcmdrle', [file, converted]]);
    // DCMTK first for lossy JPEG: GDCM masks a sample the decoder overshoots above BitsStored
    // (RG3_JPLY: 1024 in 10 bits written as 0), DCMTK keeps IJG libjpeg's value.
    if (ts !== null && LOSSY_JPEG.includes(ts)) {
      attempts.unshift(['dcmdjpeg', 'dcmdjpeg', [file, converted]]);
    } else if (ts?.startsWith('1.2.840.10008.1.2.4.5') || ts?.startsWith('1.2.840.10008.1.2.4.7')) {
      attempts.push(['dcmdjpeg', 'dcmdjpeg', [file, converted]]);
    }
    if (ts?.startsWith('1.2.840.10008.1.2.4.8'))
      attempts.push(['dcmdjpls', 'dcmdjpls', [file, converted]]);
    if (ts === '1.2.840.10008.1.2.2' || ts === '1.2.840.10008.1.2.1.99') {
      attempts.push(['dcmconv', 'dcmconv', ['+te', file, converted]]);
    }
    if (ts === null) {
      // A bare dataset: DCMTK reads it with the given encoding and writes a proper file.
      attempts.unshift(['dcmconv', 'dcmconv', [...readAs, '+te', file, converted]]);
    }
    let done = false;
    const errors: string[] = [];
    for (const [name, cmd, args] of attempts) {
      rmSync(converted, { force: true });
      const result = tryRun(cmd, args);
      if (result.ok && existsSync(converted)) {
        const check = tryRun('dcmdump', ['-q', '-Un', converted]);
        if (check.ok && parseDump(check.out).has('7fe00010')) {
          via = name;
          done = true;
          break;
        }
      }
      errors.push(`${cmd}: ${result.err.split('\n')[0]}`);
    }
    if (!done) throw new Error(`no tool could decompress it (${errors.join('; ')})`);
  }
  const dump = run('dcmdump', ['-q', '-Un', source]);
  const pi = dumpValue(dump, '00280004') ?? 'MONOCHROME2';
  const planar = Number(dumpValue(dump, '00280006') ?? '0');
  const bitsAllocated = Number(dumpValue(dump, '00280100') ?? '0');
  if (pi.startsWith('YBR') || pi === 'PALETTE COLOR') {
    const prefix = path.join(dir, 'frame');
    run('dcmj2pnm', ['+Fa', '+Fc', '+op', source, prefix]);
    const files = readdirSync(dir)
      .filter((n) => n.startsWith('frame.') && n.endsWith('.ppm'))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    if (files.length === 0) {
      // A single frame is written without a counter.
      const single = readdirSync(dir).find((n) => n === 'frame');
      if (single)
        return {
          via,
          kind: 'ppm',
          photometricInterpretation: pi,
          planarConfiguration: planar,
          bitsAllocated,
          files: [single],
        };
    }
    return {
      via,
      kind: 'ppm',
      photometricInterpretation: pi,
      planarConfiguration: planar,
      bitsAllocated,
      files,
    };
  }
  run('gdcmraw', ['-i', source, '-t', '7fe0,0010', '-o', path.join(dir, 'pixels.raw')]);
  return {
    via,
    kind: 'raw',
    photometricInterpretation: pi,
    planarConfiguration: planar,
    bitsAllocated,
    files: ['pixels.raw'],
  };
}

const HTJ2K = ['1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203'];
/** JPEG baseline, extended and spectral/progressive: the lossy processes. */
const LOSSY_JPEG = [
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.53',
  '1.2.840.10008.1.2.4.55',
];

/** OpenJPEG decodes RGB (after the codestream's own inverse colour transform) or grey. */
function htj2kReference(file: string, dir: string): PixelReference {
  const dump = run('dcmdump', ['-q', '-Un', file]);
  const number = (tag: string, fallback: number) => Number(dumpValue(dump, tag) ?? fallback);
  const pi = dumpValue(dump, '00280004') ?? 'MONOCHROME2';
  if (!['MONOCHROME1', 'MONOCHROME2', 'RGB', 'YBR_ICT', 'YBR_RCT'].includes(pi)) {
    throw new Error(`no independent ${pi} conversion for HTJ2K`);
  }
  const bytesPerSample = decodeHTJ2KWithOpenJPEG(file, path.join(dir, 'pixels.raw'), {
    rows: number('00280010', 0),
    columns: number('00280011', 0),
    samplesPerPixel: number('00280002', 1),
    frames: number('00280008', 1),
  });
  return {
    via: 'opj_decompress',
    kind: 'raw',
    photometricInterpretation: pi,
    planarConfiguration: 1,
    bitsAllocated: 8 * bytesPerSample,
    files: ['pixels.raw'],
  };
}

/** Reads a binary PPM (P6, maxval 255): RGB bytes. */
export function readPPM(file: string): { width: number; height: number; rgb: Uint8Array } {
  const data = readFileSync(file);
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (data[pos] === 0x20 || data[pos] === 0x0a || data[pos] === 0x0d || data[pos] === 0x09)
      pos++;
    if (data[pos] === 0x23) {
      while (data[pos] !== 0x0a) pos++;
      continue;
    }
    let token = '';
    while (pos < data.length && ![0x20, 0x0a, 0x0d, 0x09].includes(data[pos]!))
      token += String.fromCharCode(data[pos++]!);
    fields.push(token);
  }
  pos++;
  if (fields[0] !== 'P6' || fields[3] !== '255') throw new Error(`${file}: not an 8-bit P6 PPM`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return {
    width,
    height,
    rgb: new Uint8Array(data.buffer, data.byteOffset + pos, width * height * 3),
  };
}

if (require.main === module) {
  const root =
    process.argv[2] ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'dicom');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)],
    );
  const manifest = readFileSync(path.join(root, '..', 'MANIFEST.md'), 'utf8');
  const readAs = new Map<string, string>();
  for (const line of manifest.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 4 && cells[3]?.startsWith('- (read as')) readAs.set(cells[1]!, cells[3]);
  }
  for (const file of walk(root)) {
    if (/LICENSE|README|NOTICE|\.md$|\.txt$/i.test(file)) continue;
    const ref = ensureReference(file, { readAs: readAs.get(path.relative(root, file)) });
    console.log(
      path.relative(root, file),
      ref.dump ? 'dump' : 'NO DUMP',
      ref.pixels ? `${ref.pixels.via}/${ref.pixels.kind}` : (ref.pixelError ?? '-'),
    );
  }
}
