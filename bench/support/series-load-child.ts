/**
 * Runs one series load (or its memcpy peer) in a fresh process and prints JSON with the time
 * and the memory: RSS before the load (the baseline, after imports) and the process's RSS
 * high-water mark after it. `touch TYPE` times the first touch (zero fill) of a fresh array of
 * the volume's size and type alone. Usage:
 * node --import tsx series-load-child.ts load|memcpy|touch DIR [int16|uint16|float32]
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModalityVolumeType } from '../../lib/imaging';
import { copyFiles, loadVolume, type LoadTimings } from './series-load';

const ARRAYS = { int16: Int16Array, uint16: Uint16Array, float32: Float32Array } as const;

async function run(): Promise<void> {
  const [mode, dir, touchType = 'float32'] = process.argv.slice(2);
  if (
    (mode !== 'load' && mode !== 'memcpy' && mode !== 'touch') ||
    !dir ||
    !(touchType in ARRAYS)
  ) {
    throw new Error('usage: load|memcpy|touch DIR [int16|uint16|float32]');
  }
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.dcm'))
    .sort()
    .map((name) => path.join(dir, name));
  const fileBytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const baselineRss = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  let resultBytes: number;
  let volumeType: ModalityVolumeType | null = null;
  const steps: LoadTimings = { read: 0, parse: 0, decode: 0, modalityLut: 0 };
  if (mode === 'load') {
    const volume = await loadVolume(files, 512, 512, steps);
    resultBytes = volume.data.byteLength;
    volumeType = volume.type;
  } else if (mode === 'memcpy') {
    resultBytes = copyFiles(files, fileBytes).byteLength;
  } else {
    // First touch of a fresh volume-sized array: the page-fault share of the load.
    const Ctor = ARRAYS[touchType as ModalityVolumeType];
    resultBytes = new Ctor(512 * 512 * files.length).fill(0).byteLength;
    volumeType = touchType as ModalityVolumeType;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      mode,
      files: files.length,
      fileBytes,
      resultBytes,
      volumeType,
      ms,
      steps,
      baselineRss,
      maxRss,
    }),
  );
}

void run();
