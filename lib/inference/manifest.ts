/**
 * The model manifest (`models/<id>/model.json`) and head weights (`head.json`), validated into
 * typed values. A manifest that does not say what the runtime needs is a SecondlookError, never
 * a guess.
 */
import { array, fail, number, numbers, object, string, strings } from './json-fields';

export interface ModelLabel {
  index: number;
  name: string;
  definition: string;
  /** The finding as a coded concept, for structured reports (e.g. SNOMED CT); null if none. */
  code: { value: string; scheme: string; meaning: string } | null;
}

interface OperatingPoint {
  name: string;
  /** Threshold on the calibrated probability: a finding is flagged iff p >= threshold. */
  threshold: number;
  rule: string;
}

export interface IntendedUse {
  modalities: string[];
  bodyPart: string;
  views: string[];
  population: string;
  minimumImageSize: { rows: number; columns: number };
  use: string;
}

interface ModelInput {
  name: string;
  channels: number;
  height: number;
  width: number;
  range: [number, number];
}

export interface ModelManifest {
  id: string;
  version: string;
  name: string;
  file: string;
  sha256: string;
  input: ModelInput;
  /** Output names by role. */
  outputs: { logits: string; camFeatures: string | null; camGrid: string | null };
  head: { file: string; sha256: string } | null;
  labels: ModelLabel[];
  calibration: { method: 'temperature'; temperature: number };
  operatingPoints: OperatingPoint[];
  intendedUse: IntendedUse;
  evaluation: { file: string; card: string } | null;
}

/** The linear head after global average pooling: `logit = bias + weight · mean_hw(features)`. */
export interface HeadWeights {
  labels: string[];
  /** Row-major [labels][channels]. */
  weight: Float64Array;
  bias: Float64Array;
  channels: number;
  height: number;
  width: number;
}

function parseInput(value: unknown, file: string): ModelInput {
  const input = object(value, '"input"', file);
  const shape = array(input, 'shape', file);
  if (shape.length !== 4 || input.layout !== 'NCHW' || input.dtype !== 'float32') {
    fail(file, '"input" must be a float32 NCHW tensor of rank 4');
  }
  const [channels, height, width] = numbers(shape.slice(1), '"input.shape"', file);
  const range = numbers(array(input, 'range', file), '"input.range"', file);
  if (channels === undefined || height === undefined || width === undefined || range.length !== 2) {
    fail(file, '"input.shape" or "input.range" is incomplete');
  }
  return {
    name: string(input, 'name', file),
    channels,
    height,
    width,
    range: [range[0]!, range[1]!],
  };
}

function parseOutputs(value: unknown, file: string): ModelManifest['outputs'] {
  const outputs = (Array.isArray(value) ? value : fail(file, '"outputs" must be an array')).map(
    (item) => object(item, 'an output', file),
  );
  const byRole = (role: string) => outputs.find((output) => output.role === role);
  const logits = byRole('logits');
  if (!logits) fail(file, 'no output has role "logits"');
  const features = byRole('cam-features');
  const grid = byRole('cam-grid');
  return {
    logits: string(logits, 'name', file),
    camFeatures: features ? string(features, 'name', file) : null,
    camGrid: grid ? string(grid, 'name', file) : null,
  };
}

function parseIntendedUse(value: unknown, file: string): IntendedUse {
  const use = object(value, '"intendedUse"', file);
  const size = object(use.minimumImageSize, '"intendedUse.minimumImageSize"', file);
  return {
    modalities: strings(use, 'modalities', file),
    bodyPart: string(use, 'bodyPart', file),
    views: strings(use, 'views', file),
    population: string(use, 'population', file),
    minimumImageSize: { rows: number(size, 'rows', file), columns: number(size, 'columns', file) },
    use: string(use, 'use', file),
  };
}

/** Validates a parsed `model.json`; `file` names it in errors. */
export function parseManifest(json: unknown, file: string): ModelManifest {
  const root = object(json, 'the manifest', file);
  const labels = array(root, 'labels', file).map((item, position) => {
    const label = object(item, 'a label', file);
    const index = number(label, 'index', file);
    if (index !== position) fail(file, `label ${position} has index ${index}`);
    const code = label.code === undefined ? null : object(label.code, 'a label code', file);
    return {
      index,
      name: string(label, 'name', file),
      definition: string(label, 'definition', file),
      code: code && {
        value: string(code, 'value', file),
        scheme: string(code, 'scheme', file),
        meaning: string(code, 'meaning', file),
      },
    };
  });
  if (labels.length === 0) fail(file, 'the manifest lists no labels');
  const calibration = object(root.calibration, '"calibration"', file);
  if (calibration.method !== 'temperature') fail(file, 'only temperature calibration is supported');
  const temperature = number(calibration, 'T', file);
  if (temperature <= 0) fail(file, 'the calibration temperature must be positive');
  const operatingPoints = array(root, 'operatingPoints', file).map((item) => {
    const point = object(item, 'an operating point', file);
    return {
      name: string(point, 'name', file),
      threshold: number(point, 'threshold', file),
      rule: string(point, 'rule', file),
    };
  });
  const sha256 = string(root, 'sha256', file).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail(file, '"sha256" must be 64 hex digits');
  const head = root.head === undefined ? null : object(root.head, '"head"', file);
  const evaluation =
    root.evaluation === undefined ? null : object(root.evaluation, '"evaluation"', file);
  return {
    id: string(root, 'id', file),
    version: string(root, 'version', file),
    name: string(root, 'name', file),
    file: string(root, 'file', file),
    sha256,
    input: parseInput(root.input, file),
    outputs: parseOutputs(root.outputs, file),
    head: head && { file: string(head, 'file', file), sha256: string(head, 'sha256', file) },
    labels,
    calibration: { method: 'temperature', temperature },
    operatingPoints,
    intendedUse: parseIntendedUse(root.intendedUse, file),
    evaluation: evaluation && {
      file: string(evaluation, 'file', file),
      card: string(evaluation, 'card', file),
    },
  };
}

/** Validates a parsed `head.json` against the manifest's labels. */
export function parseHead(json: unknown, manifest: ModelManifest, file: string): HeadWeights {
  const root = object(json, 'the head', file);
  const labels = strings(root, 'labels', file);
  if (labels.join('\n') !== manifest.labels.map((label) => label.name).join('\n')) {
    fail(file, 'the head labels differ from the manifest labels');
  }
  const [channels, height, width] = numbers(
    array(root, 'featuresShape', file),
    'featuresShape',
    file,
  );
  if (!channels || !height || !width) fail(file, '"featuresShape" must be [C, h, w]');
  const rows = array(root, 'weight', file);
  if (rows.length !== labels.length) fail(file, '"weight" must have one row per label');
  const weight = new Float64Array(labels.length * channels);
  rows.forEach((row, label) => {
    const values = numbers(Array.isArray(row) ? row : [], '"weight"', file);
    if (values.length !== channels)
      fail(file, `"weight" row ${label} must have ${channels} values`);
    weight.set(values, label * channels);
  });
  const bias = numbers(array(root, 'bias', file), '"bias"', file);
  if (bias.length !== labels.length) fail(file, '"bias" must have one value per label');
  return { labels, weight, bias: Float64Array.from(bias), channels, height, width };
}
