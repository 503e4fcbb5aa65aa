import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SecondlookError, toErrorInfo } from '../lib/errors';

/** What every file in `bin/commands/` exports as `command`. */
export interface Command {
  /** Runs the command and resolves to the process exit status. */
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** Where a command writes; tests pass their own to capture output in-process. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
}

export const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
};

/** Exit statuses shared by every command. */
export const EXIT_OK = 0;
/** A batch ran, but at least one input failed. */
export const EXIT_SOME_FAILED = 1;
/** Bad usage or a bad single input: nothing useful was produced. */
export const EXIT_BAD_INPUT = 2;

/** node:util parseArgs with usage errors turned into a SecondlookError. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SecondlookError('USAGE', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Prints an error the way every command does: with --json as `{"error": {...}}` on stdout,
 * otherwise one line on stderr. Never a stack trace.
 */
export function reportError(io: CommandIO, error: unknown, json: boolean, file?: string): void {
  const info = toErrorInfo(error, file);
  if (json) {
    io.stdout(`${JSON.stringify({ error: info })}\n`);
  } else {
    const where = [info.file, info.offset === null ? null : `offset ${info.offset}`]
      .filter(Boolean)
      .join(', ');
    io.stderr(`secondlook: ${info.code}: ${info.message}${where ? ` (${where})` : ''}\n`);
  }
}
