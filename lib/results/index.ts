/**
 * lib/results: an AI result made into DICOM objects a PACS stores beside the study it came from
 * (a Secondary Capture with the Grad-CAM picture and a burned-in caption, and a TID 1500
 * structured report of the same numbers and calls), and a reader's signed review as a TID 1500
 * report verified by that reader, with UIDs named by what they hold so that sending again never
 * duplicates. Node-only; lib/pacs sends them.
 */
export { CELL_HEIGHT, CELL_WIDTH, drawText, textWidth, wrapText, type RgbImage } from './caption';
export { MAX_SIDE, resultPicture, type PictureInput } from './picture';
export { resultText, type ResultFacts, type ResultText } from './result-text';
export {
  SECONDARY_CAPTURE_IMAGE_STORAGE,
  secondaryCapture,
  type SecondaryCaptureInput,
} from './secondary-capture';
export { uidFromName } from './uid';
export { measurementReport, type MeasurementReportInput } from './measurement-report';
export { ENHANCED_SR_STORAGE } from './sr-document';
export { reviewReport, type MeasuredImage, type ReviewReportInput } from './review-report';
export { resultCapture, type ResultCapture, type StoredResult } from './result-capture';
