import { execFileSync } from 'node:child_process';

/** A value of a file's attribute as DCMTK's dcmdump, an independent parser, reads it. */
export function dcmdumpValue(file: string, tag: string): string {
  const line = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  return /\[([^\]]*)\]/.exec(line)?.[1] ?? '';
}
