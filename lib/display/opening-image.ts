/**
 * The first image of an instance frame as the viewer opens it (lib/imaging's `renderOpening`),
 * as an 8-bit PNG, and how it was shown: the window renderOpening applied and whether the grey
 * scale is inverted, which the study page's overlay states before the viewport is up. Each is
 * rendered once per instance content and frame and kept in the data directory under the
 * instance's sha256 (`<sha256>-<frame>.png` and `.json`), so a later open is one row lookup and
 * one file read (the stored DICOM file is read, and checked against its sha256, only to render).
 * Nothing about the patient goes into file names or errors: only the sha256, the instance id
 * and the frame.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeFrame, parseDicom, readFrameMetadata, readPixelModule } from '../dicom';
import { SecondlookError } from '../errors';
import { encodePng, renderOpening, type RenderedFrame } from '../imaging/node';
import { readInstanceBytes, type Store } from '../store';

export interface OpeningImage {
  png: Buffer;
  /** The stored instance's sha256 (its content, so the image never changes for it). */
  sha256: string;
}

/** How renderOpening showed the frame. */
export interface OpeningDisplay {
  /** The window applied (the file's first, else the automatic one); null for colour. */
  window: { center: number; width: number } | null;
  /** The grey scale is inverted (MONOCHROME1). */
  inverted: boolean;
}

interface Rendering {
  display: Promise<OpeningDisplay>;
  png: Promise<Buffer>;
}

export interface OpeningImageFiles {
  png: string;
  display: string;
}

/** Renders in flight, by PNG cache file, so concurrent requests for one image render it once. */
const rendering = new Map<string, Rendering>();

/** Where the opening image of frame `frame` (1-based) of the content `sha256` is kept. */
export function openingImageFiles(store: Store, sha256: string, frame: number): OpeningImageFiles {
  const base = path.join(
    store.config.dataDir,
    'displays',
    sha256.slice(0, 2),
    `${sha256}-${frame}`,
  );
  return { png: `${base}.png`, display: `${base}.json` };
}

function displayOf({ voi, inverted }: RenderedFrame): OpeningDisplay {
  const window = voi?.kind === 'window' ? { center: voi.center, width: voi.width } : null;
  return { window, inverted };
}

/** A kept display, or null when it is missing or not one (then it is rendered again). */
function parseDisplay(text: string): OpeningDisplay | null {
  try {
    const value = JSON.parse(text) as Partial<OpeningDisplay>;
    const window = value.window;
    const validWindow =
      window === null || (typeof window?.center === 'number' && typeof window.width === 'number');
    return validWindow && typeof value.inverted === 'boolean'
      ? { window: window ?? null, inverted: value.inverted }
      : null;
  } catch {
    return null;
  }
}

async function keep(target: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, data);
  await rename(partial, target);
}

function startRendering(
  store: Store,
  instanceId: number,
  frame: number,
  files: OpeningImageFiles,
): Rendering {
  const rendered = (async () => {
    const { bytes } = await readInstanceBytes(store, instanceId);
    const file = parseDicom(new Uint8Array(bytes), { file: `instance ${instanceId}` });
    const decoded = await decodeFrame(file, frame - 1);
    const params = { ...readPixelModule(file), ...readFrameMetadata(file, frame - 1) };
    return renderOpening(decoded, params);
  })();
  const display = rendered.then(displayOf);
  const png = rendered.then(async (image) => {
    // Whoever waits for the display alone (the study page) goes on before the PNG is encoded.
    await new Promise((resolve) => setImmediate(resolve));
    const encoded = encodePng(image);
    // The display first: a reader that finds the PNG on disk must find its display beside it.
    await keep(files.display, JSON.stringify(await display));
    await keep(files.png, encoded);
    return encoded;
  });
  // A failure is its waiter's to report; the display may have none.
  display.catch(() => undefined);
  return { display, png };
}

async function sha256OfInstance(store: Store, instanceId: number): Promise<string> {
  const row = await store.db.instance.findUnique({
    where: { id: instanceId },
    select: { sha256: true },
  });
  if (!row) throw new SecondlookError('NOT_FOUND', `no instance ${instanceId}`);
  return row.sha256;
}

async function renderingOf(store: Store, instanceId: number, frame: number) {
  const sha256 = await sha256OfInstance(store, instanceId);
  const files = openingImageFiles(store, sha256, frame);
  const start = (): Rendering => {
    let known = rendering.get(files.png);
    if (!known) {
      known = startRendering(store, instanceId, frame, files);
      rendering.set(files.png, known);
      const forget = () => rendering.delete(files.png);
      void known.png.then(forget, forget);
    }
    return known;
  };
  return { sha256, files, start };
}

/** Frame `frame` (1-based) of the instance as the viewer opens it, from the cache or rendered. */
export async function openingImage(
  store: Store,
  instanceId: number,
  frame: number,
): Promise<OpeningImage> {
  const { sha256, files, start } = await renderingOf(store, instanceId, frame);
  const cached = await readFile(files.png).catch(() => null);
  if (cached) return { png: cached, sha256 };
  return { png: await start().png, sha256 };
}

/**
 * How frame `frame` (1-based) of the instance opens, from the cache or rendered (the PNG is
 * rendered and kept with it, so the browser's request for it finds it rendered or in flight).
 */
export async function openingDisplay(
  store: Store,
  instanceId: number,
  frame: number,
): Promise<OpeningDisplay> {
  const { files, start } = await renderingOf(store, instanceId, frame);
  const cached = await readFile(files.display, 'utf8').then(parseDisplay, () => null);
  return cached ?? start().display;
}
