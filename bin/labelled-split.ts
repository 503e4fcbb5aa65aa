/**
 * What `eval` and `probe` share: a model folder and a labelled PneumoniaMNIST split, opened in
 * onnxruntime-node, and the heading line their reports start with.
 */
import { defaultModelDir, defaultPneumoniaMnistPath } from './files';
import { SecondlookError } from '../lib/errors';
import {
  createNodeSession,
  loadModelFromDir,
  readImageSplit,
  type ImageSplit,
  type ModelIdentity,
  type ModelSession,
} from '../lib/inference/node';

const SPLITS = ['train', 'val', 'test'];

/** The options both commands take (parseCommandArgs). */
export const splitOptions = {
  split: { type: 'string' },
  model: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface SplitArgs {
  split?: string;
  model?: string;
  data?: string;
}

/** Opens the model and the split, calls `run`, and always releases the session. */
export async function withLabelledSplit<T>(
  args: SplitArgs,
  run: (session: ModelSession, split: string, data: ImageSplit) => Promise<T>,
): Promise<T> {
  const { split } = args;
  if (!split || !SPLITS.includes(split)) {
    throw new SecondlookError('USAGE', `--split must be one of ${SPLITS.join(', ')}`);
  }
  const model = await loadModelFromDir(args.model ?? defaultModelDir);
  const data = await readImageSplit(args.data ?? defaultPneumoniaMnistPath(), split);
  const session = await createNodeSession(model);
  try {
    return await run(session, split, data);
  } finally {
    await session.release();
  }
}

export const fixed4 = (value: number) => value.toFixed(4);

export function reportHeading(report: { model: ModelIdentity; split: string; provider: string }) {
  const { model } = report;
  return `${model.id} ${model.version} (sha256 ${model.sha256.slice(0, 12)}) on ${report.split} via ${report.provider}`;
}
