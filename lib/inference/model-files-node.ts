/** Node-only: reads a model folder from disk. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SecondlookError } from '../errors';
import { loadModel, type LoadedModel } from './load-model';
import { parseManifest, type ModelManifest } from './manifest';
import { modelFacts, type ModelFacts } from './model-facts';

async function readModelFile(root: string, name: string): Promise<Uint8Array> {
  const file = path.join(root, name);
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SecondlookError('MODEL_MISSING', `cannot read ${name} (${reason})`, { file });
  }
}

async function readJson(root: string, name: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readModelFile(root, name));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SecondlookError('MODEL_MANIFEST', `${name} is not JSON`, {
      file: path.join(root, name),
    });
  }
}

export async function loadModelFromDir(dir: string): Promise<LoadedModel> {
  const root = path.resolve(dir);
  return loadModel((name) => readModelFile(root, name), dir);
}

/** A model folder's manifest alone (model.json), without reading the ONNX. */
export async function readManifestFromDir(dir: string): Promise<ModelManifest> {
  const root = path.resolve(dir);
  return parseManifest(await readJson(root, 'model.json'), path.join(root, 'model.json'));
}

/** What the model page shows: model.json and the evaluation reference it names (not the ONNX). */
export async function readModelFacts(dir: string): Promise<ModelFacts> {
  const root = path.resolve(dir);
  const manifest = await readManifestFromDir(dir);
  const name = manifest.evaluation?.file ?? 'eval-reference.json';
  return modelFacts(manifest, await readJson(root, name), path.join(root, name));
}
