/** lib/inference for Node: everything in the browser face plus onnxruntime-node and file readers. */
export * from './index';
export { createNodeSession } from './node-session';
export { loadModelFromDir, readManifestFromDir, readModelFacts } from './model-files-node';
export { readImageSplit, readNpz, type ImageSplit } from './npz-node';
