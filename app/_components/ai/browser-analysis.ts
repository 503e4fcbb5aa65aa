/**
 * The model run in the browser on the image on screen: the same lib/dicom -> lib/imaging ->
 * lib/screening pipeline the server's screening queue runs, on the same stored bytes (the file the
 * viewer fetched), so the two agree. The image's header is checked against the model's intended
 * use first, from the manifest alone: an image outside it (a CT, a tiny image) never loads the
 * model. The session is created once per model (WebGPU first, then WASM, with every fallback and
 * its reason in the provider report).
 */
import type { AiConfig } from '@/app/_config/ai';
import { decodeFrame, readInstanceMetadata, readPixelModule } from '@/lib/dicom';
import { renderDisplay } from '@/lib/imaging';
import {
  blocksScoring,
  checkScope,
  createWebSession,
  dicomScopeFacts,
  loadManifest,
  loadModel,
  type ModelManifest,
  type ModelSession,
  type OutOfScopeReason,
  type ProviderReport,
} from '@/lib/inference';
import { explain, GradCam, storedCamOf, type Explanation, type StoredCam } from '@/lib/saliency';
import { screenImages, type ScreeningResult } from '@/lib/screening/screen-images';
import { dicomFileFor } from '../viewer/frame-loader';

const sessions = new Map<string, Promise<ModelSession>>();
const manifests = new Map<string, Promise<ModelManifest>>();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function modelManifest(modelId: string, config: AiConfig): Promise<ModelManifest> {
  let manifest = manifests.get(modelId);
  if (!manifest) {
    const base = `${config.modelBase}/${modelId}`;
    manifest = loadManifest((name) => fetchBytes(`${base}/${name}`), base);
    manifest.catch(() => manifests.delete(modelId));
    manifests.set(modelId, manifest);
  }
  return manifest;
}

function modelSession(modelId: string, config: AiConfig): Promise<ModelSession> {
  let session = sessions.get(modelId);
  if (!session) {
    const base = `${config.modelBase}/${modelId}`;
    session = loadModel((name) => fetchBytes(`${base}/${name}`), base).then((model) =>
      createWebSession(model, {
        providers: config.providers,
        wasmPaths: config.ortPath,
        numThreads: crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1,
      }),
    );
    session.catch(() => sessions.delete(modelId));
    sessions.set(modelId, session);
  }
  return session;
}

export interface BrowserAnalysis {
  result: ScreeningResult;
  /** Grad-CAM per label index (the labels the model has), on the source image. */
  explanations: Explanation[];
  /** The numbers kept of the most probable label's map, as the screening worker keeps them. */
  cam: StoredCam | null;
  ms: number;
  startedAt: string;
  finishedAt: string;
}

/** What the browser made of the image on screen. */
export type BrowserOutcome =
  | { kind: 'scored'; analysis: BrowserAnalysis; provider: ProviderReport }
  | {
      kind: 'out-of-scope';
      model: { id: string; version: string };
      /** Including at least one that blocks scoring. */
      reasons: OutOfScopeReason[];
    };

export async function analyseImage(
  modelId: string,
  config: AiConfig,
  url: string,
  frame: number,
): Promise<BrowserOutcome> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const [manifest, dicom] = await Promise.all([modelManifest(modelId, config), dicomFileFor(url)]);
  const meta = readInstanceMetadata(dicom);
  const pixelModule = readPixelModule(dicom);
  const facts = dicomScopeFacts(meta, pixelModule);
  const reasons = checkScope(facts, manifest.intendedUse);
  if (blocksScoring(reasons)) {
    return { kind: 'out-of-scope', model: { id: manifest.id, version: manifest.version }, reasons };
  }
  const session = await modelSession(modelId, config);
  const pixels = await decodeFrame(dicom, frame - 1);
  const image = renderDisplay(pixels, pixelModule);
  const [result] = await screenImages(session, [{ image, facts }], { cam: false });
  if (!result) throw new Error('the model returned no result');
  const explanations = await explainAll(session, result);
  const ms = performance.now() - started;
  const cam = topCam(session.model.manifest.labels, result.probabilities, explanations);
  const analysis = {
    result,
    explanations,
    cam,
    ms,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
  return { kind: 'scored', analysis, provider: session.provider };
}

function topCam(
  labels: { index: number; name: string }[],
  probabilities: Record<string, number> | null,
  explanations: Explanation[],
): StoredCam | null {
  if (!probabilities) return null;
  const top = labels.reduce((best, label) =>
    probabilities[label.name]! > probabilities[best.name]! ? label : best,
  );
  const explanation = explanations.find((e) => e.label === top.index);
  return explanation ? storedCamOf(top.name, explanation) : null;
}

/** Grad-CAM for every label (screenImages explains only the most probable one). */
async function explainAll(session: ModelSession, result: ScreeningResult): Promise<Explanation[]> {
  const { head, manifest } = session.model;
  const prepared = result.prepared;
  if (!head || !prepared || result.probabilities === null) return [];
  const method = new GradCam(head);
  const outputs = await session.run(prepared.tensor, 1, method.fetches(manifest.outputs));
  if (!outputs.features && !outputs.camGrid) return [];
  return manifest.labels.map((label) => explain(method, outputs, 0, label.index, prepared));
}
