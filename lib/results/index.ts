/**
 * lib/results: an AI result made into DICOM objects a PACS stores beside the study it came from
 * (a Secondary Capture with the Grad-CAM picture and a burned-in caption, and a TID 1500
 * structured report of the same numbers and calls), and a reader's signed review as a TID 1500
 * report verified by that reader, with UIDs named by what they hold so that sending again never
 * duplicates; and a reader's view of a series saved as a presentation state. Node-only; lib/pacs
 * sends the results and reviews.
 */
export { MAX_SIDE } from './picture';
export { SECONDARY_CAPTURE_IMAGE_STORAGE } from './secondary-capture';
export { uidFromName } from './uid';
export { ENHANCED_SR_STORAGE } from './sr-document';
export { reviewReport, type MeasuredImage } from './review-report';
export { resultCapture, type ResultCapture } from './result-capture';
export { presentationStateFile, type ViewImage } from './presentation-state';
