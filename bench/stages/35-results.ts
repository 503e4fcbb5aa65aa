/**
 * Stage "results": what making a result for the PACS costs beyond screening the image. Per
 * chest radiograph, the median time to screen it as the worker does (decode, window, model,
 * Grad-CAM) against making its result objects (the same screening, then the picture scaled to
 * fit 1024 px, the caption, the Secondary Capture and the structured report), as a ratio, and
 * the objects' sizes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchStage } from '../index';
import { parseDicom } from '../../lib/dicom';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { resultCapture } from '../../lib/results';
import { dicomToScreeningInput, screenImages } from '../../lib/screening/node';
import { repoRoot, sharedDicomDir } from '../../tests/support/paths';

const ROUNDS = 5;
const FILES = ['dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm', 'pylibjpeg-data/966_fixed.dcm'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export const stage: BenchStage = {
  name: 'results',
  async run() {
    const model = await loadModelFromDir(path.join(repoRoot, 'models', 'pneumonia-cxr'));
    const session = await createNodeSession(model);
    try {
      for (const name of FILES) {
        const bytes = new Uint8Array(readFileSync(path.join(sharedDicomDir, name)));
        const source = parseDicom(bytes, { file: name });
        const screen = async () =>
          screenImages(session, [await dicomToScreeningInput(bytes, name)], { cam: true });
        const capture = () => resultCapture({ source, session });
        const made = await capture();
        const [screenMs, captureMs] = [[], []] as [number[], number[]];
        for (let round = 0; round < ROUNDS; round++) {
          screenMs.push(await timed(screen));
          captureMs.push(await timed(capture));
        }
        const [s, c] = [median(screenMs), median(captureMs)];
        console.log(
          `${name}: screening ${s.toFixed(0)} ms, result for the PACS ${c.toFixed(0)} ms (${(c / s).toFixed(2)}x screening); ` +
            `${made.picture.width}x${made.picture.height} RGB, ${(made.bytes.length / 1e6).toFixed(2)} MB against the source's ${(bytes.length / 1e6).toFixed(2)} MB; ` +
            `structured report ${(made.report.bytes.length / 1e3).toFixed(1)} kB`,
        );
      }
    } finally {
      await session.release();
    }
  },
};
