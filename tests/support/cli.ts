/** In-process CLI runs: a CommandIO that keeps what a command writes. */
import type { CommandIO } from '../../bin/command';

export interface CapturedIO extends CommandIO {
  out: string[];
  err: string[];
  /** Everything written to stdout, joined. */
  text: () => string;
}

export function capture(): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    text: () => out.join(''),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stdin: process.stdin,
  };
}
