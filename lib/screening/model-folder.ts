/**
 * The shipped model as the screening service holds it: loaded on first need and kept, and while
 * it cannot load (a file missing, a checksum that does not match, a manifest that does not
 * parse), a MODEL_UNAVAILABLE error that says why, and the identity the folder claims, so that
 * each series waiting for it can be recorded as failed against that model and retried.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SecondlookError, toErrorInfo } from '../errors';
import { loadModelFromDir, type LoadedModel, type ModelIdentity } from '../inference/node';

/** Stands for the sha256 of a model whose manifest does not say one. */
const UNKNOWN_SHA256 = '0'.repeat(64);

/**
 * What the folder's model.json says the model is (id, version, sha256), read as far as it
 * parses; else the folder's name, version "unknown".
 */
async function claimedIdentity(dir: string): Promise<ModelIdentity> {
  const fallback = {
    id: path.basename(path.resolve(dir)),
    version: 'unknown',
    sha256: UNKNOWN_SHA256,
  };
  let manifest: Partial<Record<keyof ModelIdentity, unknown>>;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) ?? {};
  } catch {
    return fallback;
  }
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
  const sha256 = text(manifest.sha256)?.toLowerCase() ?? '';
  return {
    id: text(manifest.id) ?? fallback.id,
    version: text(manifest.version) ?? fallback.version,
    sha256: /^[0-9a-f]{64}$/.test(sha256) ? sha256 : UNKNOWN_SHA256,
  };
}

export class ModelFolder {
  private loaded: LoadedModel | null = null;

  private constructor(
    readonly dir: string,
    private readonly claimed: ModelIdentity,
  ) {}

  /** The folder, with its model loaded when it can be (`error` says why not). */
  static async open(dir: string): Promise<{ folder: ModelFolder; error: SecondlookError | null }> {
    const folder = new ModelFolder(dir, await claimedIdentity(dir));
    try {
      await folder.load();
      return { folder, error: null };
    } catch (error) {
      return { folder, error: error as SecondlookError };
    }
  }

  /** The loaded model's identity, else the one the folder claimed when it was opened. */
  get identity(): ModelIdentity {
    if (!this.loaded) return this.claimed;
    const { id, version, sha256 } = this.loaded.manifest;
    return { id, version, sha256 };
  }

  /** The model, loading it if it is not yet; MODEL_UNAVAILABLE (with the cause) when it fails. */
  async load(): Promise<LoadedModel> {
    if (this.loaded) return this.loaded;
    try {
      this.loaded = await loadModelFromDir(this.dir);
    } catch (error) {
      const cause = toErrorInfo(error);
      throw new SecondlookError(
        'MODEL_UNAVAILABLE',
        `the model ${this.claimed.id} ${this.claimed.version} could not load (${cause.code}: ${cause.message})`,
      );
    }
    return this.loaded;
  }
}
