/** lib/screening for Node: the browser-safe face plus file reading and the queue. */
export * from './index';
export { dicomToScreeningInput, readImageFile, type ReadImage } from './read-image-node';
export {
  ScreeningQueue,
  type ScreeningBackend,
  type ScreeningFailure,
  type ScreeningOutcome,
} from './queue';
export { DEFAULT_RETRY, retryDelayMs } from './retry';
