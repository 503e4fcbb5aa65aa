/**
 * Opening a study from an upload, the study viewer's readiness signal, and holding Cornerstone3D
 * (or a study page) back to see what shows before.
 */
import { expect, type Locator, type Page, type Route } from '@playwright/test';

/** A string of stack-controller.ts, so in the script chunk that brings Cornerstone3D. */
const viewerChunkMarker = 'could not create the viewer tool group';

export function viewportOf(page: Page) {
  return page.getByRole('img', { name: 'Image viewport' });
}

/**
 * Uploads `files` on the worklist (signed in), waits for a result row for each, then opens the
 * study of the patient the worklist names `patient` and waits for its viewport.
 */
export async function uploadAndOpen(page: Page, files: string[], patient: string): Promise<void> {
  await page.getByLabel('DICOM files').setInputFiles(files);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + files.length, { timeout: 60_000 });
  await page.getByRole('link', { name: patient, exact: true }).click();
  await viewportReady(page);
}

/**
 * Drags the viewport's primary tool (a Length draws a length) between fractions of its width
 * and height, holding the press past Cornerstone's 400 ms double-click window so the tool sees
 * press, moves and release in order.
 */
export async function dragAcross(
  page: Page,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  const box = (await viewportOf(page).boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.waitForTimeout(450);
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 6 });
  await page.mouse.up();
}

/** Waits until the viewport's controller exists and it has drawn an image of the series. */
export async function viewportReady(page: Page): Promise<void> {
  await expect(viewportOf(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

export interface HeldChunk {
  /** Resolves once the page has asked for the viewer chunk (and is kept waiting for it). */
  requested: Promise<void>;
  /** Lets the viewer chunk through, now and from then on. */
  release: () => void;
}

/** Holds back the page's requests for the viewer chunk (Cornerstone3D) until `release`. */
export async function holdViewerChunk(page: Page): Promise<HeldChunk> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  const handler = async (route: Route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes(viewerChunkMarker)) {
      requested();
      await released;
    }
    await route.fulfill({ response, body });
  };
  await page.route('**/_next/static/chunks/**/*.js', handler);
  return { requested: asked, release };
}

/**
 * Holds back the page's requests for the server components of `pathname` (a client-side
 * navigation to it) until `release`: the page being left stays on screen meanwhile.
 */
export async function holdNavigation(page: Page, pathname: string): Promise<HeldChunk> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  await page.route(
    (url) => url.pathname === pathname && url.searchParams.has('_rsc'),
    async (route) => {
      requested();
      await released;
      await route.continue();
    },
  );
  return { requested: asked, release };
}

export interface ImageStats {
  width: number;
  height: number;
  meanLuminance: number;
  /** Fraction of pixels brighter than 16 of 255. */
  lit: number;
}

/** An <img> (as decoded) or a canvas of the page, drawn into a canvas and read back. */
export function imageStats(image: Locator): Promise<ImageStats> {
  return image.evaluate(async (element) => {
    const source = element as HTMLImageElement | HTMLCanvasElement;
    if (source instanceof HTMLImageElement) await source.decode();
    const canvas = document.createElement('canvas');
    canvas.width = source instanceof HTMLImageElement ? source.naturalWidth : source.width;
    canvas.height = source instanceof HTMLImageElement ? source.naturalHeight : source.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) {
      const luminance = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
      sum += luminance;
      if (luminance > 16) lit += 1;
    }
    const pixels = data.length / 4;
    return {
      width: canvas.width,
      height: canvas.height,
      meanLuminance: sum / pixels,
      lit: lit / pixels,
    };
  });
}
