/**
 * Deflated Image Frame Compression (1.2.840.10008.1.2.8.1): each frame is a deflate stream of
 * native little-endian frame bytes. Inflated with pako (browser and Node alike).
 */
import { inflate, inflateRaw } from 'pako';
import { decodeNative } from './native';
import type { CodecInput, CodecOutput } from './types';

export async function decodeDeflatedFrame(input: CodecInput): Promise<CodecOutput> {
  let raw: Uint8Array;
  try {
    raw = inflateRaw(input.bytes);
  } catch {
    raw = inflate(input.bytes);
  }
  const view = { ...input.file, encoding: { ...input.file.encoding, littleEndian: true } };
  return decodeNative({ ...input, file: view, bytes: raw, bitOffset: 0 });
}
