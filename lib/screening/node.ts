/** lib/screening for Node: the browser-safe face plus file reading. */
export * from './index';
export { dicomToScreeningInput, readImageFile, type ReadImage } from './read-image-node';
