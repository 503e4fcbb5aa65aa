/**
 * One pass of the model over a set of decoded images: intended-use checks, preprocessing,
 * batched scoring, and Grad-CAM of the most probable label mapped back onto each source image.
 * Used by `secondlook classify` and the background screening queue alike.
 */
import type { DisplayImage } from '../imaging';
import {
  blocksScoring,
  checkScope,
  hasColour,
  modelIdentity,
  packBatch,
  prepareInput,
  scoreBatch,
  type Finding,
  type ModelIdentity,
  type ModelSession,
  type OutOfScopeReason,
  type PreparedInput,
  type ProviderReport,
  type ScopeFacts,
} from '../inference';
import { explain, GradCam, storedCamOf, type Explanation, type StoredCam } from '../saliency';

export interface ScreeningInput {
  image: DisplayImage;
  /** Header facts; `colour` is worked out from the pixels when left out. */
  facts: Omit<ScopeFacts, 'colour'> & { colour?: boolean };
}

export interface ScreeningResult {
  model: ModelIdentity;
  provider: ProviderReport;
  /** Milliseconds for this image: preprocessing, its share of the batch inference, Grad-CAM. */
  ms: number;
  /** Null when an out-of-scope reason blocks scoring. */
  probabilities: Record<string, number> | null;
  findings: Finding[];
  outOfScope: OutOfScopeReason[];
  cam: StoredCam | null;
  /** The full map (not serialised by callers that only want numbers). */
  explanation: Explanation | null;
  prepared: PreparedInput | null;
}

export interface ScreenOptions {
  cam?: boolean;
  batchSize?: number;
}

function topLabel(probabilities: Record<string, number>, labels: string[]): number {
  let best = 0;
  labels.forEach((label, index) => {
    if (probabilities[label]! > probabilities[labels[best]!]!) best = index;
  });
  return best;
}

export async function screenImages(
  session: ModelSession,
  inputs: readonly ScreeningInput[],
  options: ScreenOptions = {},
): Promise<ScreeningResult[]> {
  const { manifest, head } = session.model;
  const labels = manifest.labels.map((label) => label.name);
  const method = options.cam !== false && head ? new GradCam(head) : null;
  const results: ScreeningResult[] = inputs.map((input) => {
    const started = performance.now();
    const facts = { ...input.facts, colour: input.facts.colour ?? hasColour(input.image) };
    const outOfScope = checkScope(facts, manifest.intendedUse);
    const prepared = blocksScoring(outOfScope) ? null : prepareInput(input.image, manifest);
    return {
      model: modelIdentity(session),
      provider: session.provider,
      ms: performance.now() - started,
      probabilities: null,
      findings: [],
      outOfScope,
      cam: null,
      explanation: null,
      prepared,
    };
  });
  const scored = results.filter((result) => result.prepared !== null);
  const batchSize = options.batchSize ?? 64;
  for (let start = 0; start < scored.length; start += batchSize) {
    const group = scored.slice(start, start + batchSize);
    const batch = packBatch(group.map((result) => result.prepared!.tensor));
    const fetches = method ? method.fetches(manifest.outputs) : {};
    const score = await scoreBatch(session, batch, group.length, fetches);
    group.forEach((result, i) => {
      const started = performance.now();
      const { probabilities, findings } = score.scores[i]!;
      result.probabilities = probabilities;
      result.findings = findings;
      if (method && (score.features || score.camGrid)) {
        const label = topLabel(probabilities, labels);
        const explanation = explain(method, score, i, label, result.prepared!);
        result.explanation = explanation;
        result.cam = storedCamOf(labels[label]!, explanation);
      }
      result.ms += score.timings.perImageMs + performance.now() - started;
    });
  }
  return results;
}
