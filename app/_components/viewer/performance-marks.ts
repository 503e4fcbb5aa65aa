/**
 * Performance marks on the way to the first image of the page, read by the viewer bench
 * (bench/stages/40-viewer.ts) to show where the time goes. Each is set once per page.
 * The server's image, in the page's HTML before any script runs, is timed by the browser itself:
 * an Element Timing entry named `openingImageTiming` when it is painted.
 */
export const openingImageTiming = 'secondlook:opening-image';

export const marks = {
  /** The page is hydrated: the preview asks for the first frame (FramePreview.tsx). */
  previewStart: 'secondlook:preview-start',
  /** The first frame is fetched, parsed and decoded (frame-loader.ts). */
  frameDecoded: 'secondlook:frame-decoded',
  /** The viewer chunk (Cornerstone3D) is evaluated. */
  viewerModule: 'secondlook:viewer-module',
  /** Cornerstone core, tools and the image loader are set up. */
  cornerstoneReady: 'secondlook:cornerstone-ready',
  /** The rendering engine and the stack viewport exist. */
  viewportReady: 'secondlook:viewport-ready',
  /** The client preview (FramePreview.tsx) has drawn the first frame, decoded in the browser. */
  previewImage: 'secondlook:preview-image',
  /** The viewport has rendered its first image (it is interactive from here on). */
  viewportImage: 'secondlook:viewport-image',
} as const;

export function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
