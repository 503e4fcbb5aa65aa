/**
 * The Node adapter: onnxruntime-node on the CPU provider. Imported dynamically so that nothing
 * reaches for the native binding until a session is really wanted; never import from browser code.
 */
import { wrapOrtSession, type ModelSession } from './session';
import type { LoadedModel } from './load-model';

export interface NodeSessionOptions {
  /** Intra-op threads; onnxruntime's default (all cores) when left out. */
  threads?: number;
}

export async function createNodeSession(
  model: LoadedModel,
  options: NodeSessionOptions = {},
): Promise<ModelSession> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(model.onnx, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
  });
  return wrapOrtSession(ort, session, model, {
    runtime: 'onnxruntime-node',
    name: 'cpu',
    requested: ['cpu'],
    fallbacks: [],
    detail: null,
  });
}
