'use client';

import { useEffect, useState } from 'react';
import type { AiConfig } from '@/app/_config/ai';
import type { ProviderReport } from '@/lib/inference';
import type { ViewerImage } from '../viewer/types';
import type { BrowserAnalysis } from './browser-analysis';

export type BrowserRun =
  | { state: 'idle' }
  | { state: 'running'; imageId: string }
  | { state: 'done'; imageId: string; analysis: BrowserAnalysis; provider: ProviderReport }
  | { state: 'failed'; imageId: string; message: string };

/**
 * Re-runs the model whenever another image is on screen (after the reader pauses briefly). The
 * pipeline's code loads on first use, after the viewer's.
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
        .then(async ({ analyseImage, modelSession }) => {
          const session = await modelSession(modelId, config);
          const analysis = await analyseImage(session, image.url, image.frame);
          if (live)
            setRun({ state: 'done', imageId: image.imageId, analysis, provider: session.provider });
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
