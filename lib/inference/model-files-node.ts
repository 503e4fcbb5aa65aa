/** Node-only: reads a model folder from disk. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SecondlookError } from '../errors';
import { loadModel, type LoadedModel } from './load-model';

export async function loadModelFromDir(dir: string): Promise<LoadedModel> {
  const root = path.resolve(dir);
  return loadModel(async (name) => {
    const file = path.join(root, name);
    try {
      return new Uint8Array(await readFile(file));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new SecondlookError('MODEL_MISSING', `cannot read ${name} (${reason})`, { file });
    }
  }, dir);
}
