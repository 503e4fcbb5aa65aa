/**
 * Loads a model folder through a byte reader, so the same code serves the browser (fetch) and
 * Node (files). Every file the manifest pins by sha256 is checked before it is used.
 */
import { SecondlookError } from '../errors';
import { parseHead, parseManifest, type HeadWeights, type ModelManifest } from './manifest';

/** Reads one file of the model folder by its name relative to the folder. */
export type ModelFileReader = (name: string) => Promise<Uint8Array>;

export interface LoadedModel {
  manifest: ModelManifest;
  /** Present when the manifest names a head and a features or cam-grid output (needed for CAMs). */
  head: HeadWeights | null;
  onnx: Uint8Array;
  /** Where the model came from (a folder path or URL), for messages. */
  source: string;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function checkedBytes(
  read: ModelFileReader,
  name: string,
  sha256: string,
  source: string,
): Promise<Uint8Array> {
  const bytes = await read(name);
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) {
    throw new SecondlookError(
      'MODEL_CHECKSUM',
      `${name} has sha256 ${actual}, the manifest says ${sha256}`,
      { file: `${source}/${name}` },
    );
  }
  return bytes;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (error) {
    throw new SecondlookError('MODEL_MANIFEST', `not JSON: ${(error as Error).message}`, { file });
  }
}

/** The manifest alone (what a model is for and how it reads images), without its weights. */
export async function loadManifest(read: ModelFileReader, source: string): Promise<ModelManifest> {
  const manifestFile = `${source}/model.json`;
  return parseManifest(parseJson(await read('model.json'), manifestFile), manifestFile);
}

export async function loadModel(read: ModelFileReader, source: string): Promise<LoadedModel> {
  const manifest = await loadManifest(read, source);
  const onnx = await checkedBytes(read, manifest.file, manifest.sha256, source);
  let head: HeadWeights | null = null;
  if (manifest.head && (manifest.outputs.camFeatures || manifest.outputs.camGrid)) {
    const headFile = `${source}/${manifest.head.file}`;
    const bytes = await checkedBytes(read, manifest.head.file, manifest.head.sha256, source);
    head = parseHead(parseJson(bytes, headFile), manifest, headFile);
  }
  return { manifest, head, onnx, source };
}
