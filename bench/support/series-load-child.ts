/**
 * Runs one series load (or its memcpy peer) in a fresh process and prints JSON with the time
 * and the memory: RSS before the load (the baseline, after imports) and the process's RSS
 * high-water mark after it. Usage: node --import tsx series-load-child.ts load|memcpy|touch DIR
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { copyFiles, loadVolume, type LoadTimings } from './series-load';

async function run(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if ((mode !== 'load' && mode !== 'memcpy' && mode !== 'touch') || !dir) {
    throw new Error('usage: load|memcpy|touch DIR');
  }
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.dcm'))
    .sort()
    .map((name) => path.join(dir, name));
  const fileBytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const baselineRss = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  let resultBytes: number;
  const steps: LoadTimings = { read: 0, parse: 0, decode: 0, modalityLut: 0 };
  if (mode === 'load') {
    resultBytes = (await loadVolume(files, 512, 512, steps)).data.byteLength;
  } else if (mode === 'memcpy') {
    resultBytes = copyFiles(files, fileBytes).byteLength;
  } else {
    // First touch of a fresh volume-sized Float32Array: the page-fault share of the load.
    resultBytes = new Float32Array(512 * 512 * files.length).fill(0).byteLength;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      mode,
      files: files.length,
      fileBytes,
      resultBytes,
      ms,
      steps,
      baselineRss,
      maxRss,
    }),
  );
}

void run();
