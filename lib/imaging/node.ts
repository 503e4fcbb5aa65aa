/** lib/imaging for Node: everything in the browser-safe index plus PNG encode/decode. */
export * from './index';
export { decodePng, encodePng } from './png';
