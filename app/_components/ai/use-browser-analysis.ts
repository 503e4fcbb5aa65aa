'use client';

import { useEffect, useState } from 'react';
import type { AiConfig } from '@/app/_config/ai';
import type { OutOfScopeReason, ProviderReport } from '@/lib/inference';
import type { ViewerImage } from '../viewer/types';
import type { BrowserAnalysis } from './browser-analysis';

export type BrowserRun =
  | { state: 'idle' }
  | { state: 'running'; imageId: string }
  | { state: 'done'; imageId: string; analysis: BrowserAnalysis; provider: ProviderReport }
  | {
      /** The header puts the image outside the model's intended use: the model was not run. */
      state: 'out-of-scope';
      imageId: string;
      model: { id: string; version: string };
      reasons: OutOfScopeReason[];
    }
  | { state: 'failed'; imageId: string; message: string };

/**
 * Re-runs the model whenever another image is on screen (after the reader pauses briefly), unless
 * its header puts it outside the model's intended use. The pipeline's code loads on first use,
 * after the viewer's.
 */
export function useBrowserAnalysis(
  image: ViewerImage | null,
  modelId: string,
  config: AiConfig,
): BrowserRun {
  const [run, setRun] = useState<BrowserRun>({ state: 'idle' });
  useEffect(() => {
    if (!image) return;
    let live = true;
    const timer = window.setTimeout(() => {
      setRun({ state: 'running', imageId: image.imageId });
      import('./browser-analysis')
        .then(async ({ analyseImage }) => {
          const outcome = await analyseImage(modelId, config, image.url, image.frame);
          if (!live) return;
          const { imageId } = image;
          setRun(
            outcome.kind === 'scored'
              ? { state: 'done', imageId, analysis: outcome.analysis, provider: outcome.provider }
              : { state: 'out-of-scope', imageId, model: outcome.model, reasons: outcome.reasons },
          );
        })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (live) setRun({ state: 'failed', imageId: image.imageId, message });
        });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [image, modelId, config]);
  return run;
}
