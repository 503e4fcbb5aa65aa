/**
 * The model run in the browser on the image on screen: the same lib/dicom -> lib/imaging ->
 * lib/screening pipeline the server's screening queue runs, on the same stored bytes, so the
 * two agree. The session is created once per model (WebGPU first, then WASM, with every
 * fallback and its reason in the provider report).
 */
import type { AiConfig } from '@/app/_config/ai';
import { decodeFrame, parseDicom, readInstanceMetadata, readPixelModule } from '@/lib/dicom';
import { renderDisplay } from '@/lib/imaging';
import { createWebSession, loadModel, type ModelSession } from '@/lib/inference';
import { explain, GradCam, storedCamOf, type Explanation, type StoredCam } from '@/lib/saliency';
import { screenImages, type ScreeningResult } from '@/lib/screening/screen-images';

const sessions = new Map<string, Promise<ModelSession>>();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function modelSession(modelId: string, config: AiConfig): Promise<ModelSession> {
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

export async function analyseImage(
  session: ModelSession,
  url: string,
  frame: number,
): Promise<BrowserAnalysis> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const dicom = parseDicom(await fetchBytes(url), { file: url });
  const meta = readInstanceMetadata(dicom);
  const pixels = await decodeFrame(dicom, frame - 1);
  const image = renderDisplay(pixels, readPixelModule(dicom));
  const facts = {
    modality: meta.modality,
    viewPosition: meta.viewPosition,
    bodyPart: meta.bodyPartExamined,
    colour: pixels.samplesPerPixel !== 1,
    rows: pixels.rows,
    columns: pixels.columns,
  };
  const [result] = await screenImages(session, [{ image, facts }], { cam: false });
  if (!result) throw new Error('the model returned no result');
  const explanations = await explainAll(session, result);
  const ms = performance.now() - started;
  const cam = topCam(session.model.manifest.labels, result.probabilities, explanations);
  return { result, explanations, cam, ms, startedAt, finishedAt: new Date().toISOString() };
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
