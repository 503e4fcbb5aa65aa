/**
 * Browser side of the inference harness: loads the shipped model over HTTP with lib/inference's
 * browser face and runs it on the execution providers a test or bench stage asks for.
 */
import {
  createWebSession,
  loadModel,
  type ModelSession,
  type WebProvider,
} from '../../../lib/inference';

export interface HarnessRun {
  provider: ModelSession['provider'];
  logits: number[];
  features: number[] | null;
  camGrid: number[] | null;
  /** Wall time of each repetition, ms. */
  ms: number[];
}

const sessions = new Map<string, ModelSession>();

async function session(providers: WebProvider[]): Promise<ModelSession> {
  const key = providers.join(',');
  const existing = sessions.get(key);
  if (existing) return existing;
  const model = await loadModel(async (name) => {
    const response = await fetch(`/model/${name}`);
    if (!response.ok) throw new Error(`GET /model/${name}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }, '/model');
  const created = await createWebSession(model, {
    providers,
    wasmPaths: '/ort/',
    numThreads: self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1,
  });
  sessions.set(key, created);
  return created;
}

async function run(
  providers: WebProvider[],
  input: number[],
  n: number,
  options: { features?: boolean; camGrid?: boolean; repeats?: number; warmUpMs?: number } = {},
): Promise<HarnessRun> {
  const active = await session(providers);
  const data = Float32Array.from(input);
  const ms: number[] = [];
  const fetches = { features: options.features, camGrid: options.camGrid };
  // At least one untimed run; more until `warmUpMs` has passed (at most 50): the first runs of
  // WASM are several times slower than later ones while V8 tiers the kernels up.
  const warmUpStarted = performance.now();
  let last = await active.run(data, n, fetches);
  for (
    let runs = 1;
    runs < 50 && performance.now() - warmUpStarted < (options.warmUpMs ?? 0);
    runs++
  )
    last = await active.run(data, n, fetches);
  for (let i = 0; i < (options.repeats ?? 0); i++) {
    const started = performance.now();
    last = await active.run(data, n, fetches);
    ms.push(performance.now() - started);
  }
  return {
    provider: active.provider,
    logits: Array.from(last.logits),
    features: last.features ? Array.from(last.features) : null,
    camGrid: last.camGrid ? Array.from(last.camGrid) : null,
    ms,
  };
}

(globalThis as { secondlookHarness?: unknown }).secondlookHarness = { run };
