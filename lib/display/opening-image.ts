/**
 * The first image of an instance frame as the viewer opens it (lib/imaging's `renderOpening`),
 * as an 8-bit PNG. Each is rendered once per instance content and frame and kept in the data
 * directory under the instance's sha256, so a later open is one row lookup and one file read.
 * Nothing about the patient goes into file names or errors: only the sha256, the instance id and
 * the frame.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeFrame, parseDicom, readFrameMetadata, readPixelModule } from '../dicom';
import { SecondlookError } from '../errors';
import { encodePng, renderOpening } from '../imaging/node';
import { readInstanceBytes, type Store } from '../store';

export interface OpeningImage {
  png: Buffer;
  /** The stored instance's sha256 (its content, so the image never changes for it). */
  sha256: string;
}

/** Renders in flight, by cache file, so concurrent requests for one image render it once. */
const rendering = new Map<string, Promise<Buffer>>();

/** Where the opening image of frame `frame` (1-based) of the content `sha256` is kept. */
export function openingImageFile(store: Store, sha256: string, frame: number): string {
  return path.join(store.config.dataDir, 'displays', sha256.slice(0, 2), `${sha256}-${frame}.png`);
}

async function render(store: Store, instanceId: number, frame: number): Promise<Buffer> {
  const { bytes } = await readInstanceBytes(store, instanceId);
  const file = parseDicom(new Uint8Array(bytes), { file: `instance ${instanceId}` });
  const decoded = await decodeFrame(file, frame - 1);
  const params = { ...readPixelModule(file), ...readFrameMetadata(file, frame - 1) };
  return encodePng(renderOpening(decoded, params));
}

async function renderAndKeep(
  store: Store,
  instanceId: number,
  frame: number,
  target: string,
): Promise<Buffer> {
  const png = await render(store, instanceId, frame);
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, png);
  await rename(partial, target);
  return png;
}

async function sha256OfInstance(store: Store, instanceId: number): Promise<string> {
  const row = await store.db.instance.findUnique({
    where: { id: instanceId },
    select: { sha256: true },
  });
  if (!row) throw new SecondlookError('NOT_FOUND', `no instance ${instanceId}`);
  return row.sha256;
}

/**
 * Frame `frame` (1-based) of the instance as the viewer opens it, from the cache or rendered (the
 * stored file is read, and checked against its sha256, only to render).
 */
export async function openingImage(
  store: Store,
  instanceId: number,
  frame: number,
): Promise<OpeningImage> {
  const sha256 = await sha256OfInstance(store, instanceId);
  const target = openingImageFile(store, sha256, frame);
  const cached = await readFile(target).catch(() => null);
  if (cached) return { png: cached, sha256 };
  let png = rendering.get(target);
  if (!png) {
    png = renderAndKeep(store, instanceId, frame, target);
    rendering.set(target, png);
    void png.then(
      () => rendering.delete(target),
      () => rendering.delete(target),
    );
  }
  return { png: await png, sha256 };
}
