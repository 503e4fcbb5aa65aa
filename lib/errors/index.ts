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

/** Turns anything thrown into an ErrorInfo without leaking stack traces to users. */
export function toErrorInfo(error: unknown, file?: string): ErrorInfo {
  if (error instanceof SecondlookError) {
    const info = error.toJSON();
    return { ...info, file: info.file ?? file ?? null };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, offset: null, file: file ?? null };
}
