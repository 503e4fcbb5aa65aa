import { execFileSync } from 'node:child_process';

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
