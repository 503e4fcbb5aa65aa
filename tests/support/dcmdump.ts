import { execFileSync, spawnSync } from 'node:child_process';

/** A value of a file's attribute as DCMTK's dcmdump, an independent parser, reads it. */
export function dcmdumpValue(file: string, tag: string): string {
  const line = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  return /\[([^\]]*)\]/.exec(line)?.[1] ?? '';
}

/**
 * The modality values of an uncompressed 16-bit greyscale file's first frame, row by row, as
 * DCMTK reads it: the stored words from dcmdump's Pixel Data, signed when Pixel Representation is
 * 1, times Rescale Slope plus Rescale Intercept.
 */
export function dcmdumpModalityValues(file: string): { columns: number; values: number[] } {
  const us = (tag: string) =>
    Number(/ US (\d+)/.exec(execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' }))![1]);
  const [columns, rows, signed] = [us('0028,0011'), us('0028,0010'), us('0028,0103') === 1];
  const line = execFileSync('dcmdump', ['+L', '+P', '7fe0,0010', file], { encoding: 'utf8' });
  const words = /OW ([0-9a-f\\]+)/
    .exec(line)![1]!
    .split('\\')
    .slice(0, rows * columns);
  const slope = Number(dcmdumpValue(file, '0028,1053') || 1);
  const intercept = Number(dcmdumpValue(file, '0028,1052') || 0);
  const values = words.map((hex) => {
    const word = Number.parseInt(hex, 16);
    return (signed && word >= 0x8000 ? word - 0x10000 : word) * slope + intercept;
  });
  return { columns, values };
}

/** The modality value of pixel (column, row), as dcmdumpModalityValues reads it. */
export function dcmdumpModalityValue(file: string, column: number, row: number): number {
  const { columns, values } = dcmdumpModalityValues(file);
  return values[row * columns + column]!;
}

/** One element as `dcmdump` prints it: indent depth, tag, VR, value text, length and keyword. */
export interface DcmdumpRow {
  depth: number;
  tag: string;
  /** `UN` where dcmdump prints `??` (an implicit VR element its dictionary does not know). */
  vr: string;
  /** The value as printed: a string's text without its brackets, '' for no value, else raw. */
  value: string;
  /** The value's length in bytes; null for `u/l` (undefined length). */
  length: number | null;
  keyword: string;
  /** Whether dcmdump left the value out (`-M`: a value over 4 KB, such as Pixel Data). */
  loaded: boolean;
}

const ROW =
  /^( *)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\w\w|\?\?) ([\s\S]*?) +# *(\d+|u\/l), *\d+ (.+)$/;
const ROW_START = /^ *\([0-9a-f]{4},[0-9a-f]{4}\) /;

/**
 * Every element of `file` as DCMTK reads it, nested items indented, in file order: dcmdump with
 * UIDs as numbers, text as the file's bytes (read as Latin-1), long strings in full and bulk
 * values (over 4 KB) not loaded. The delimitation items it adds are left out. With `recover`
 * (`+E`), what dcmdump read of a broken file before the break.
 */
export function dcmdumpRows(file: string, { recover = false } = {}): DcmdumpRow[] {
  const run = spawnSync('dcmdump', ['-q', '-M', '+L', '-Un', ...(recover ? ['+E'] : []), file], {
    encoding: 'latin1',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 && !recover) throw new Error(`dcmdump failed on ${file}: ${run.stderr}`);
  const out = run.stdout;
  // A text value with line breaks in it goes on over the lines that follow, as the file has it.
  const lines: string[] = [];
  let pending: string | null = null;
  for (const line of out.split('\n')) {
    if (pending === null && !ROW_START.test(line)) continue;
    pending = pending === null ? line : `${pending}\n${line}`;
    if (ROW.test(pending)) {
      lines.push(pending);
      pending = null;
    }
  }
  return lines.flatMap((line): DcmdumpRow[] => {
    const match = ROW.exec(line);
    if (!match) return [];
    const [, indent, group, element, vr, printed, length, keyword] = match as unknown as string[];
    if (vr === 'na' && keyword !== 'Item') return [];
    const bracketed = /^\[(.*)\]$/s.exec(printed!);
    return [
      {
        depth: indent!.length / 2,
        tag: `(${group},${element})`.toUpperCase(),
        vr: vr === '??' ? 'UN' : vr!,
        value: bracketed ? bracketed[1]! : printed === '(no value available)' ? '' : printed!,
        length: length === 'u/l' ? null : Number(length),
        keyword: keyword!,
        loaded: printed !== '(not loaded)',
      },
    ];
  });
}
