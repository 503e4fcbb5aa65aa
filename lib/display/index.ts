/**
 * lib/display: the images the viewer shows before its own renderer is up, rendered on the server
 * once per instance content and kept in the data directory.
 */
export { openingImage, openingImageFile, type OpeningImage } from './opening-image';
export {
  ensureOpeningImage,
  renderOpeningImages,
  storedSeriesIds,
  type PrerenderSummary,
} from './prerender';
