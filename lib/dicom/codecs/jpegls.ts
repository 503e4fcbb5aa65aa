/** JPEG-LS lossless and near-lossless with CharLS (the wasm codec Cornerstone3D uses). */
import { codecErrorsSince, codecLog, instantiate } from './wasm';
import type { CodecInput, CodecOutput } from './types';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}
interface JpegLSDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getInterleaveMode(): number;
  getDecodedBuffer(): Uint8Array;
}
interface CharLSModule {
  JpegLSDecoder: new () => JpegLSDecoder;
  getExceptionMessage?: (e: number) => string;
}

let codec: Promise<{ module: CharLSModule; decoder: JpegLSDecoder }> | null = null;

function load() {
  codec ??= import('@cornerstonejs/codec-charls/decodewasmjs')
    .then((m) => instantiate<CharLSModule>(m, 'charlswasm_decode.wasm'))
    .then((module) => ({ module, decoder: new module.JpegLSDecoder() }));
  codec.catch(() => (codec = null));
  return codec;
}

export async function decodeJPEGLS(input: CodecInput): Promise<CodecOutput> {
  const { module: charls, decoder } = await load();
  const logFrom = codecLog.length;
  try {
    decoder.getEncodedBuffer(input.bytes.length).set(input.bytes);
    decoder.decode();
  } catch (e) {
    throw new Error(
      typeof e === 'number' && charls.getExceptionMessage
        ? charls.getExceptionMessage(e)
        : String(e),
    );
  }
  const info = decoder.getFrameInfo();
  const errors = codecErrorsSince(logFrom);
  if (errors) throw new Error(errors);
  if (info.width !== input.pm.columns || info.height !== input.pm.rows) {
    throw new Error(
      `JPEG-LS stream is ${info.width}x${info.height}, the file says ${input.pm.columns}x${input.pm.rows}`,
    );
  }
  const decoded = decoder.getDecodedBuffer();
  const bytes = new Uint8Array(decoded.length);
  bytes.set(decoded);
  const signed = input.pm.pixelRepresentation === 1 && info.componentCount === 1;
  const samples =
    info.bitsPerSample <= 8
      ? bytes
      : signed
        ? new Int16Array(bytes.buffer)
        : new Uint16Array(bytes.buffer);
  // CharLS returns interleaved samples for every interleave mode except "none" (planar).
  const planar = info.componentCount > 1 && decoder.getInterleaveMode() === 0;
  return {
    samples,
    samplesPerPixel: info.componentCount,
    planar,
    rgb: false,
    columns: info.width,
    rows: info.height,
  };
}
