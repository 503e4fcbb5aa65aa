/**
 * The first image of an instance frame as the viewer opens it (lib/imaging's `renderOpening`),
 * as an 8-bit PNG. Each is rendered once per instance content and frame and kept in the data
 * directory under the instance's sha256, so a later open is one file read. Nothing about the
 * patient goes into file names or errors: only the sha256, the instance id and the frame.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeFrame, parseDicom, readFrameMetadata, readPixelModule } from '@/lib/dicom';
import { encodePng, renderOpening } from '@/lib/imaging/node';
import { readInstanceBytes, type Store } from '@/lib/store';

export interface OpeningImage {
  png: Buffer;
  /** The stored instance's sha256 (its content, so the image never changes for it). */
  sha256: string;
}

/** Renders in flight, by cache file, so concurrent requests for one image render it once. */
const rendering = new Map<string, Promise<Buffer>>();

function cacheFile(store: Store, sha256: string, frame: number): string {
  return path.join(store.config.dataDir, 'displays', sha256.slice(0, 2), `${sha256}-${frame}.png`);
}

async function render(bytes: Buffer, instanceId: number, frame: number): Promise<Buffer> {
  const file = parseDicom(new Uint8Array(bytes), { file: `instance ${instanceId}` });
  const decoded = await decodeFrame(file, frame - 1);
  const params = { ...readPixelModule(file), ...readFrameMetadata(file, frame - 1) };
  return encodePng(renderOpening(decoded, params));
}

async function renderAndKeep(
  bytes: Buffer,
  instanceId: number,
  frame: number,
  target: string,
): Promise<Buffer> {
  const png = await render(bytes, instanceId, frame);
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, png);
  await rename(partial, target);
  return png;
}

/** Frame `frame` (1-based) of the instance as the viewer opens it, from the cache or rendered. */
export async function openingImage(
  store: Store,
  instanceId: number,
  frame: number,
): Promise<OpeningImage> {
  const { bytes, sha256 } = await readInstanceBytes(store, instanceId);
  const target = cacheFile(store, sha256, frame);
  const cached = await readFile(target).catch(() => null);
  if (cached) return { png: cached, sha256 };
  let png = rendering.get(target);
  if (!png) {
    png = renderAndKeep(bytes, instanceId, frame, target);
    rendering.set(target, png);
    void png.then(
      () => rendering.delete(target),
      () => rendering.delete(target),
    );
  }
  return { png: await png, sha256 };
}
