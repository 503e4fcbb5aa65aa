/** High-Throughput JPEG 2000 with OpenJPH (the wasm codec Cornerstone3D uses). */
import { checkDecoded, j2kSamples } from './jpeg2000';
import { codecLog, instantiate } from './wasm';
import type { CodecInput, CodecOutput } from './types';

interface HTJ2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decodeSubResolution(level: number): void;
  getFrameInfo(): {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  };
  getDecodedBuffer(): Uint8Array;
  delete?: () => void;
}
interface OpenJPHModule {
  HTJ2KDecoder: new () => HTJ2KDecoder;
}

let codec: Promise<OpenJPHModule> | null = null;

function load() {
  codec ??= import('@cornerstonejs/codec-openjph/wasmjs').then((m) =>
    instantiate<OpenJPHModule>(m, 'openjphjs.wasm'),
  );
  codec.catch(() => (codec = null));
  return codec;
}

export async function decodeHTJ2K(input: CodecInput): Promise<CodecOutput> {
  const codecModule = await load();
  // Like Cornerstone3D, a fresh decoder per frame (OpenJPH keeps per-stream state).
  const decoder = new codecModule.HTJ2KDecoder();
  try {
    const logFrom = codecLog.length;
    decoder.getEncodedBuffer(input.bytes.length).set(input.bytes);
    decoder.decodeSubResolution(0);
    const info = decoder.getFrameInfo();
    checkDecoded(input, info, logFrom);
    return j2kSamples(decoder.getDecodedBuffer(), info);
  } finally {
    decoder.delete?.();
  }
}
