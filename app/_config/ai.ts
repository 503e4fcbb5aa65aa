/** The AI panel and saliency overlay as data. */
import type { ColourMapName } from '@/lib/imaging';
import type { WebProvider } from '@/lib/inference';

export interface AiConfig {
  /** The model the browser runs when the server has not screened the series yet. */
  defaultModelId: string;
  /** Where the model folder's files are served: `${modelBase}/${id}/${file}`. */
  modelBase: string;
  /** Execution providers in the order they are tried; every skip is shown with its reason. */
  providers: WebProvider[];
  /** Folder URL of onnxruntime-web's .wasm/.mjs files. */
  ortPath: string;
  /** Browser and server probabilities for the same image must agree to this. */
  agreementTolerance: number;
  overlay: { colourMaps: ColourMapName[]; colourMap: ColourMapName; opacity: number };
}

export const aiConfig: AiConfig = {
  defaultModelId: 'pneumonia-cxr',
  modelBase: '/models',
  providers: ['webgpu', 'wasm'],
  ortPath: '/ort/',
  agreementTolerance: 1e-4,
  overlay: { colourMaps: ['inferno', 'viridis'], colourMap: 'inferno', opacity: 0.6 },
};
