/**
 * lib/display: the images the viewer shows before its own renderer is up, rendered on the server
 * once per instance content and kept in the data directory.
 */
export { openingDisplay, openingImage, openingImageFiles } from './opening-image';
export { renderOpeningImages, storedSeriesIds } from './prerender';
