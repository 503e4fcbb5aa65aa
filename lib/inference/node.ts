/** lib/inference for Node: everything in the browser face plus onnxruntime-node and file readers. */
export * from './index';
export { createNodeSession, type NodeSessionOptions } from './node-session';
export { loadModelFromDir, readManifestFromDir, readModelFacts } from './model-files-node';
export { parseNpy, readImageSplit, readNpz, type ImageSplit, type NpyArray } from './npz-node';
