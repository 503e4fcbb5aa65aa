/**
 * Errors on bad input are values: a stable machine-readable code, a message for people, and
 * where it happened (the file and, for byte streams, the offset). Every stage throws or returns
 * these so that a batch can report one bad input and carry on with the rest.
 */
export interface ErrorInfo {
  code: string;
  message: string;
  offset: number | null;
  file: string | null;
}

export class SecondlookError extends Error {
  readonly code: string;
  readonly offset: number | null;
  readonly file: string | null;

  constructor(code: string, message: string, where: { offset?: number; file?: string } = {}) {
    super(message);
    this.name = 'SecondlookError';
    this.code = code;
    this.offset = where.offset ?? null;
    this.file = where.file ?? null;
  }

  /** The same error, now knowing which file it came from. */
  inFile(file: string): SecondlookError {
    if (this.file === file) return this;
    const located = new SecondlookError(this.code, this.message, {
      offset: this.offset ?? undefined,
      file,
    });
    located.stack = this.stack;
    return located;
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message, offset: this.offset, file: this.file };
  }
}

/** An absolute path of two or more segments, not inside a word or a URL. */
const ABSOLUTE_PATH = /(?<![\w.:/-])\/(?:[^\s'"`()/]+\/)+([^\s'"`()/]+)/g;

/**
 * The message of something a dependency threw (a codec, the file system), fit to show a user:
 * absolute server paths in it are cut to their last segment (`.../openjpeg.wasm`), so an error
 * never tells a client where the server is installed or keeps its files.
 */
export function foreignMessage(thrown: unknown): string {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return message.replace(ABSOLUTE_PATH, '.../$1');
}

/** Turns anything thrown into an ErrorInfo without leaking stack traces or server paths to users. */
export function toErrorInfo(error: unknown, file?: string): ErrorInfo {
  if (error instanceof SecondlookError) {
    const info = error.toJSON();
    return { ...info, file: info.file ?? file ?? null };
  }
  return { code: 'INTERNAL', message: foreignMessage(error), offset: null, file: file ?? null };
}

/**
 * What a log line may say of an unexpected error: its kind and code (`Error ECONNREFUSED`), never
 * its message, which may quote patient data.
 */
export function errorKind(error: unknown): string {
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `${kind} ${code}` : kind;
}
