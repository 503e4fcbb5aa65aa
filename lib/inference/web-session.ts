/**
 * The browser adapter: onnxruntime-web, trying execution providers in order (`webgpu`, then
 * `wasm` by default). Each provider gets its own attempt, so the provider in the report is the one
 * that really ran (it must also get through a warm-up inference), and every provider skipped on
 * the way is listed with its reason: a fallback is never silent. Also runs in Node (wasm only),
 * which the runtime parity test uses.
 */
import { SecondlookError } from '../errors';
import type { LoadedModel } from './load-model';
import { wrapOrtSession, type ModelSession, type ProviderReport } from './session';

export type WebProvider = 'webgpu' | 'wasm';

export interface WebSessionOptions {
  providers?: WebProvider[];
  /** Folder URL of onnxruntime-web's .wasm/.mjs files (the app serves them at `/ort/`). */
  wasmPaths?: string;
  /** WASM threads; 1 unless the page is cross-origin isolated. */
  numThreads?: number;
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

function gpu(): GpuLike | null {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? null;
}

function describeAdapter(adapter: GpuAdapterLike): string {
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.description].filter((part) => part);
  const fallback =
    adapter.isFallbackAdapter ?? (info as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return `${parts.join(' ') || 'unnamed adapter'}${fallback ? ' (fallback adapter)' : ''}`;
}

/** Why `provider` cannot run here, or null when it may be tried. */
async function unavailable(provider: WebProvider): Promise<string | null> {
  if (provider !== 'webgpu') return null;
  const api = gpu();
  if (!api) return 'navigator.gpu is not available (WebGPU disabled or not a secure context)';
  const adapter = await api.requestAdapter().catch(() => null);
  return adapter ? null : 'navigator.gpu.requestAdapter() returned no adapter';
}

/**
 * One run on a blank image with every output: a provider can create a session and still fail
 * on its first kernel (e.g. an operator its shaders get wrong), which must count as not running.
 */
async function warmUp(session: ModelSession): Promise<void> {
  const { channels, height, width } = session.model.manifest.input;
  await session.run(new Float32Array(channels * height * width), 1, {
    features: true,
    camGrid: true,
  });
}

export async function createWebSession(
  model: LoadedModel,
  options: WebSessionOptions = {},
): Promise<ModelSession> {
  const ort = await import('onnxruntime-web');
  if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  const requested = options.providers ?? ['webgpu', 'wasm'];
  const fallbacks: ProviderReport['fallbacks'] = [];
  for (const provider of requested) {
    const reason = await unavailable(provider);
    if (reason) {
      fallbacks.push({ provider, reason });
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(model.onnx, {
        executionProviders: [provider],
        graphOptimizationLevel: 'all',
      });
      const adapter = provider === 'webgpu' ? (ort.env.webgpu.adapter as GpuAdapterLike) : null;
      const wrapped = wrapOrtSession(ort, session, model, {
        runtime: 'onnxruntime-web',
        name: provider,
        requested,
        fallbacks,
        detail: adapter ? describeAdapter(adapter) : null,
      });
      await warmUp(wrapped).catch(async (error: unknown) => {
        await wrapped.release();
        throw error;
      });
      return wrapped;
    } catch (error) {
      fallbacks.push({ provider, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new SecondlookError(
    'NO_PROVIDER',
    `no execution provider could run ${model.manifest.id}: ${fallbacks
      .map((fallback) => `${fallback.provider}: ${fallback.reason}`)
      .join('; ')}`,
  );
}
