/**
 * The runtime-agnostic session: what the scoring core needs from onnxruntime, whichever
 * package (node or web) provides it. The adapters in `node-session.ts` and `web-session.ts`
 * only choose the package and the execution provider.
 */
import { SecondlookError } from '../errors';
import type { LoadedModel } from './load-model';

type RuntimeName = 'onnxruntime-node' | 'onnxruntime-web';

/** Which execution provider really ran, and why any requested before it did not. */
export interface ProviderReport {
  runtime: RuntimeName;
  name: string;
  requested: string[];
  fallbacks: { provider: string; reason: string }[];
  /** Provider detail worth recording, e.g. the WebGPU adapter's description. */
  detail: string | null;
}

interface SessionOutputs {
  n: number;
  /** [n, labels] */
  logits: Float32Array;
  /** [n, C, h, w], when asked for and the model has a cam-features output. */
  features: Float32Array | null;
  /** [n, labels, h, w] = sum_c head.weight[l][c] * features[c], when asked for and the model has a cam-grid output. */
  camGrid: Float32Array | null;
}

/** Which outputs besides the logits a run fetches (each only if the model has it). */
export interface RunOptions {
  features?: boolean;
  camGrid?: boolean;
}

export interface ModelSession {
  readonly model: LoadedModel;
  readonly provider: ProviderReport;
  /** Runs `n` images packed NCHW in `input`. */
  run(input: Float32Array, n: number, options?: RunOptions): Promise<SessionOutputs>;
  release(): Promise<void>;
}

/** The part of onnxruntime's API (node and web alike) the adapters use. */
interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
}
export interface OrtSessionLike {
  run(
    feeds: Record<string, OrtTensorLike>,
    fetches: string[],
  ): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}
export interface OrtApiLike {
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensorLike;
}

function floatData(tensor: OrtTensorLike | undefined, name: string, source: string): Float32Array {
  if (!tensor || !(tensor.data instanceof Float32Array)) {
    throw new SecondlookError('MODEL_OUTPUT', `output "${name}" is missing or not float32`, {
      file: source,
    });
  }
  return tensor.data;
}

/** Wraps an onnxruntime session (either package) as a ModelSession. */
export function wrapOrtSession(
  ort: OrtApiLike,
  session: OrtSessionLike,
  model: LoadedModel,
  provider: ProviderReport,
): ModelSession {
  const { input, outputs } = model.manifest;
  const perImage = input.channels * input.height * input.width;
  return {
    model,
    provider,
    async run(data, n, options = {}) {
      if (data.length !== n * perImage) {
        throw new SecondlookError(
          'MODEL_INPUT',
          `expected ${n * perImage} values, got ${data.length}`,
        );
      }
      const features = options.features === true ? outputs.camFeatures : null;
      const camGrid = options.camGrid === true ? outputs.camGrid : null;
      const fetches = [outputs.logits, features, camGrid].filter((name) => name !== null);
      const tensor = new ort.Tensor('float32', data, [
        n,
        input.channels,
        input.height,
        input.width,
      ]);
      const result = await session.run({ [input.name]: tensor }, fetches);
      const read = (name: string | null) =>
        name === null ? null : floatData(result[name], name, model.source);
      return {
        n,
        logits: floatData(result[outputs.logits], outputs.logits, model.source),
        features: read(features),
        camGrid: read(camGrid),
      };
    },
    release: () => session.release(),
  };
}
