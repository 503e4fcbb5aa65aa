/**
 * The platform hook for the emscripten codecs. In Node each codec finds its own .wasm beside
 * its JS (emscripten reads it with fs), so nothing is needed. In a browser the .wasm files are
 * served from `/codecs/` (public/codecs). No fs in the decode path itself.
 */

type EmscriptenFactory<T> = (options: Record<string, unknown>) => Promise<T>;

const CODEC_WASM_URL = '/codecs/';

function isNode(): boolean {
  return (
    typeof process !== 'undefined' &&
    typeof process.versions?.node === 'string' &&
    typeof window === 'undefined'
  );
}

/** The factory a codec package exports (CJS default interop differs between loaders). */
function factoryOf<T>(module: unknown): EmscriptenFactory<T> {
  let candidate = module as { default?: unknown } | EmscriptenFactory<T>;
  for (let i = 0; i < 3 && typeof candidate !== 'function'; i++) {
    candidate = (candidate as { default?: unknown }).default as typeof candidate;
  }
  if (typeof candidate !== 'function') throw new Error('codec module has no factory');
  return candidate as EmscriptenFactory<T>;
}

/**
 * What the codecs print (OpenJPEG logs every tile) is kept here instead of on the console; a
 * codec file reads and clears it around each decode to report the codec's own error message.
 */
export const codecLog: string[] = [];

function log(text: string): void {
  codecLog.push(String(text));
  if (codecLog.length > 200) codecLog.splice(0, codecLog.length - 200);
}

/** The codec's error lines logged since `from`, joined, or null when there were none. */
export function codecErrorsSince(from: number): string | null {
  const errors = codecLog.slice(from).filter((line) => /error/i.test(line));
  return errors.length ? errors.join('; ').replace(/\s+/g, ' ').trim() : null;
}

/** Instantiates an emscripten codec module once its JS module is imported. */
export async function instantiate<T>(module: unknown, wasmFile: string): Promise<T> {
  const factory = factoryOf<T>(module);
  const quiet = { print: log, printErr: log };
  if (isNode()) return factory(quiet);
  return factory({
    ...quiet,
    locateFile: (f: string) => (f.endsWith('.wasm') ? `${CODEC_WASM_URL}${wasmFile}` : f),
  });
}
