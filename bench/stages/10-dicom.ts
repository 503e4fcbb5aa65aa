/**
 * Stage "dicom": metadata parse against dicom-parser and dcmjs, a full 300-slice series load
 * against a plain read-and-copy of the same files, and the load's peak memory against the size
 * of the volume it builds. All on a CT series generated at bench time (bench/support).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchStage } from '../index';
import { parseDicom, readInstanceMetadata } from '../../lib/dicom';
import { ensureBenchSeries } from '../support/ct-series';
import type { LoadTimings } from '../support/series-load';
import { readWithDcmjs, readWithDicomParser } from '../support/metadata-peers';

const ROUNDS = 5;
const LOAD_ROUNDS = 2;
const MB = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median over rounds of the time to run `read` over every file, in ms per file. */
function timePerFile(buffers: Uint8Array[], read: (bytes: Uint8Array) => unknown): number {
  read(buffers[0]!);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (const bytes of buffers) read(bytes);
    rounds.push(Number(process.hrtime.bigint() - start) / 1e6 / buffers.length);
  }
  return median(rounds);
}

interface ChildResult {
  mode: string;
  files: number;
  fileBytes: number;
  resultBytes: number;
  ms: number;
  steps: LoadTimings;
  baselineRss: number;
  maxRss: number;
}

function runChild(mode: 'load' | 'memcpy' | 'touch', dir: string): ChildResult {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const child = path.join(repoRoot, 'bench', 'support', 'series-load-child.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', child, mode, dir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`series load child (${mode}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const pad = (text: string, width: number) => text.padEnd(width);

export const stage: BenchStage = {
  name: 'dicom',
  async run() {
    const started = process.hrtime.bigint();
    const series = ensureBenchSeries(300);
    const setupS = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `series: ${series.files.length} slices ${series.columns}x${series.rows} in ${path.relative(process.cwd(), series.dir)} (ready in ${setupS.toFixed(1)} s)`,
    );

    const buffers = series.files.map((file) => new Uint8Array(readFileSync(file)));
    const raw = timePerFile(buffers, readWithDicomParser);
    const ours = timePerFile(buffers, (bytes) => readInstanceMetadata(parseDicom(bytes)));
    const dcmjs = timePerFile(buffers, readWithDcmjs);
    console.log(
      `\nmetadata parse, files in memory, ms per file (median of ${ROUNDS} rounds over ${buffers.length} files):`,
    );
    console.log(`  ${pad('dicom-parser parseDicom + the same tags', 44)} ${raw.toFixed(3)}  1.00x`);
    console.log(
      `  ${pad('lib/dicom parseDicom + readInstanceMetadata', 44)} ${ours.toFixed(3)}  ${(ours / raw).toFixed(2)}x  (target <= 1.5x: ${verdict(ours / raw <= 1.5)})`,
    );
    console.log(
      `  ${pad('dcmjs DicomMessage.readFile + the same tags', 44)} ${dcmjs.toFixed(3)}  ${(dcmjs / raw).toFixed(2)}x`,
    );

    const memcpy: ChildResult[] = [];
    const load: ChildResult[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      memcpy.push(runChild('memcpy', series.dir));
      load.push(runChild('load', series.dir));
    }
    const bestCopy = memcpy.reduce((a, b) => (b.ms < a.ms ? b : a));
    const bestLoad = load.reduce((a, b) => (b.ms < a.ms ? b : a));
    const speed = bestCopy.ms / bestLoad.ms;
    const gbps = (result: ChildResult) =>
      (result.fileBytes / (result.ms / 1000) / 1024 ** 3).toFixed(2);
    console.log(
      `\nseries load, ${bestLoad.files} files (${(bestLoad.fileBytes / MB).toFixed(0)} MB), best of ${LOAD_ROUNDS} fresh processes each:`,
    );
    console.log(
      `  ${pad('memcpy peer: read files + Buffer copy', 56)} ${bestCopy.ms.toFixed(0)} ms  ${gbps(bestCopy)} GB/s of files`,
    );
    console.log(
      `  ${pad('load: read + parse + decode + HU into a Float32 volume', 56)} ${bestLoad.ms.toFixed(0)} ms  ${gbps(bestLoad)} GB/s of files`,
    );
    const steps = Object.entries(bestLoad.steps)
      .map(([step, ms]) => `${step} ${ms.toFixed(0)}`)
      .join(', ');
    const touch = runChild('touch', series.dir);
    console.log(`    where the load's time goes (ms): ${steps}`);
    console.log(
      `    for scale: first touch (zero fill) of a fresh ${(touch.resultBytes / MB).toFixed(0)} MB Float32Array alone: ${touch.ms.toFixed(0)} ms`,
    );
    console.log(
      `  load speed / memcpy speed = ${(speed * 100).toFixed(0)}%  (target >= 40%: ${verdict(speed >= 0.4)})`,
    );

    const worst = load.reduce((a, b) =>
      b.maxRss - b.baselineRss > a.maxRss - a.baselineRss ? b : a,
    );
    const growth = worst.maxRss - worst.baselineRss;
    const ratio = growth / worst.resultBytes;
    console.log(
      `\npeak memory of the load (worst of ${LOAD_ROUNDS}): baseline RSS ${(worst.baselineRss / MB).toFixed(0)} MB, high-water ${(worst.maxRss / MB).toFixed(0)} MB, volume ${(worst.resultBytes / MB).toFixed(0)} MB`,
    );
    console.log(
      `  (high-water - baseline) / volume = ${ratio.toFixed(2)}x  (target < 1.3x: ${verdict(ratio < 1.3)})`,
    );
  },
};
