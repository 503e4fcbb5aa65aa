/**
 * The platform hook for the emscripten codecs. In Node each codec finds its own .wasm beside
 * its JS (emscripten reads it with fs), so nothing is needed. In a browser the .wasm files
 * must be served: `setCodecWasmBaseUrl('/codecs/')` (the default) tells the codecs where, or
 * `setCodecWasmLoader` hands them the bytes directly. No fs in the decode path itself.
 */

type EmscriptenFactory<T> = (options: Record<string, unknown>) => Promise<T>;

let baseUrl = '/codecs/';
let loader: ((wasmFile: string) => Promise<ArrayBuffer | Uint8Array>) | null = null;

export function setCodecWasmBaseUrl(url: string): void {
  baseUrl = url.endsWith('/') ? url : `${url}/`;
}

export function setCodecWasmLoader(
  load: ((wasmFile: string) => Promise<ArrayBuffer | Uint8Array>) | null,
): void {
  loader = load;
}

function isNode(): boolean {
  return (
    typeof process !== 'undefined' &&
    typeof process.versions?.node === 'string' &&
    typeof window === 'undefined'
  );
}

/** The factory a codec package exports (CJS default interop differs between loaders). */
export function factoryOf<T>(module: unknown): EmscriptenFactory<T> {
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
  if (loader) {
    const bytes = await loader(wasmFile);
    return factory({
      ...quiet,
      wasmBinary: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
    });
  }
  if (isNode()) return factory(quiet);
  return factory({
    ...quiet,
    locateFile: (f: string) => (f.endsWith('.wasm') ? `${baseUrl}${wasmFile}` : f),
  });
}
