/** JPEG 2000 (lossless and lossy) with OpenJPEG (the wasm codec Cornerstone3D uses). */
import { codecErrorsSince, codecLog, instantiate } from './wasm';
import type { CodecInput, CodecOutput } from './types';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}
interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
}
interface OpenJPEGModule {
  J2KDecoder: new () => J2KDecoder;
}

let codec: Promise<J2KDecoder> | null = null;

function load() {
  codec ??= import('@cornerstonejs/codec-openjpeg/decodewasmjs')
    .then((m) => instantiate<OpenJPEGModule>(m, 'openjpegwasm_decode.wasm'))
    .then((module) => new module.J2KDecoder());
  codec.catch(() => (codec = null));
  return codec;
}

/** Shared by JPEG 2000 and HTJ2K: decoded bytes -> typed samples. */
export function j2kSamples(decoded: Uint8Array, info: FrameInfo): CodecOutput {
  const bytes = new Uint8Array(decoded.length);
  bytes.set(decoded);
  const samples =
    info.bitsPerSample <= 8
      ? info.isSigned
        ? new Int8Array(bytes.buffer)
        : bytes
      : info.isSigned
        ? new Int16Array(bytes.buffer)
        : new Uint16Array(bytes.buffer);
  // The codecs apply the inverse multi-component transform (YBR_ICT/RCT) themselves.
  return {
    samples,
    samplesPerPixel: info.componentCount,
    planar: false,
    rgb: info.componentCount === 3,
    columns: info.width,
    rows: info.height,
  };
}

/** Throws when the codec logged an error or decoded a different size than the file says. */
export function checkDecoded(input: CodecInput, info: FrameInfo, logFrom: number): void {
  const errors = codecErrorsSince(logFrom);
  if (errors) throw new Error(errors);
  if (info.width !== input.pm.columns || info.height !== input.pm.rows) {
    throw new Error(
      `codestream is ${info.width}x${info.height}, the file says ${input.pm.columns}x${input.pm.rows}`,
    );
  }
}

export async function decodeJPEG2000(input: CodecInput): Promise<CodecOutput> {
  const decoder = await load();
  const logFrom = codecLog.length;
  decoder.getEncodedBuffer(input.bytes.length).set(input.bytes);
  decoder.decode();
  const info = decoder.getFrameInfo();
  checkDecoded(input, info, logFrom);
  return j2kSamples(decoder.getDecodedBuffer(), info);
}
