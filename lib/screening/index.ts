/**
 * lib/screening: screening images with the model (intended-use checks, scores, Grad-CAM
 * summary) and the in-process background queue that does it for newly ingested series.
 * File reading (DICOM/PNG) is Node-only and lives in `./node`.
 */
export { screenImages, type ScreeningResult } from './screen-images';
