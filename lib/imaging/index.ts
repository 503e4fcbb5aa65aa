/**
 * lib/imaging: pure functions on typed arrays (browser-safe). Modality LUT (per frame, or into a
 * volume of the smallest exact type), VOI (windows, presets, VOI LUT functions and sequences),
 * MONOCHROME1 handling, automatic windows, resampling, normalisation and colour maps. PNG
 * helpers for Node live in `./node`.
 */
export * from './types';
export { applyModalityLut } from './modality-lut';
export {
  ModalityVolumeBuilder,
  type ModalityVolumeData,
  type ModalityVolumeType,
} from './modality-volume';
export {
  applyVoi,
  checkWindow,
  parseVoiLutFunction,
  quantiseToUint8,
  voiLinear,
  voiLinearExact,
  voiSigmoid,
} from './voi';
export { ctWindowPresets, findPreset } from './presets';
export { autoWindow } from './auto-window';
export { centreCropSquare, resize } from './resample';
export { rescaleToFloat32, standardise } from './normalise';
export { applyColourMap, colourMaps, overlayColourMap, type ColourMapName } from './colour-maps';
export {
  openingWindow,
  renderDisplay,
  renderOpening,
  type DisplayOptions,
  type RenderedFrame,
} from './render';
export { measurementScale, measurementUnit, type MeasurementScale } from './measurement-scale';
