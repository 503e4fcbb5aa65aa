/** Reviews and recorded inferences as app/api/README.md defines them. */
import type { Verdict } from '@/app/_config/review';
import type { Finding } from '@/lib/inference';
import type { Measurement } from '@/lib/review';
import type { StoredCam } from '@/lib/saliency';

/** `POST /api/inferences`: a browser run the reader saw, recorded with the review. */
interface InferenceInput {
  seriesId: number;
  model: { name: string; version: string; sha256: string };
  provider: string;
  inputSha256: string;
  /** The image the browser scored: an instance of the series and its frame (1-based). */
  instanceId: number;
  frame: number;
  probabilities: Record<string, number>;
  findings: Finding[];
  timings: Record<string, number>;
  /** The map the reader saw, summarised as the screening worker keeps its own. */
  saliency: { cam: StoredCam | null };
  startedAt: string;
  finishedAt: string;
}

/** The AI result on screen when the reader signs: already stored, or to be recorded first. */
export type ShownAiResult =
  { kind: 'server'; inferenceId: number } | { kind: 'browser'; input: InferenceInput };

export interface Decision {
  finding: string;
  decision: Verdict;
}

export interface ReviewView {
  id: number;
  studyId: number;
  reader: { id: number; username: string };
  inferenceId: number | null;
  decisions: Decision[];
  confounders: string[];
  text: string;
  measurements: Measurement[];
  signedAt: string | null;
  amendsId: number | null;
  amendedById: number | null;
  /** A draft amendment: the signed review it amends once signed. */
  amendingId: number | null;
  status: 'draft' | 'signed' | 'amended';
  /** When it went to the PACS as a structured report, if it did. */
  sentToPacs: string | null;
}
