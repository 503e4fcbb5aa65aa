/**
 * Stage "dicom": metadata parse against dicom-parser and dcmjs, a full 300-slice series load
 * against a plain read-and-copy of the same files, and the load's peak memory against the size
 * of the volume it builds. All on a CT series generated at bench time (bench/support).
 *
 * The machine may be shared, so contenders run interleaved, round by round (the series load
 * and its memcpy peer taking turns to go first), and each ratio is the median of the per-round
 * ratios (both sides of a ratio see the same load).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchStage } from '../index';
import { parseDicom, readInstanceMetadata } from '../../lib/dicom';
import type { ModalityVolumeType } from '../../lib/imaging';
import { ensureBenchSeries } from '../support/ct-series';
import type { LoadTimings } from '../support/series-load';
import { readWithDcmjs, readWithDicomParser } from '../support/metadata-peers';

const PARSE_ROUNDS = 7;
const LOAD_ROUNDS = 7;
const MB = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** ms per file for one pass of `read` over every buffer. */
function pass(buffers: Uint8Array[], read: (bytes: Uint8Array) => unknown): number {
  const start = process.hrtime.bigint();
  for (const bytes of buffers) read(bytes);
  return Number(process.hrtime.bigint() - start) / 1e6 / buffers.length;
}

interface ChildResult {
  mode: string;
  files: number;
  fileBytes: number;
  resultBytes: number;
  volumeType: ModalityVolumeType | null;
  ms: number;
  steps: LoadTimings;
  baselineRss: number;
  maxRss: number;
}

function runChild(mode: 'load' | 'memcpy' | 'touch', dir: string, ...rest: string[]): ChildResult {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const child = path.join(repoRoot, 'bench', 'support', 'series-load-child.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', child, mode, dir, ...rest], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`series load child (${mode}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
}

const ARRAY_NAMES = { int16: 'Int16Array', uint16: 'Uint16Array', float32: 'Float32Array' };
const ARTICLE = { int16: 'an Int16', uint16: 'a Uint16', float32: 'a Float32' };
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const pad = (text: string, width: number) => text.padEnd(width);
const ours = (bytes: Uint8Array) => readInstanceMetadata(parseDicom(bytes));

function benchParse(buffers: Uint8Array[]): void {
  const contenders = [readWithDicomParser, ours, readWithDcmjs];
  for (const read of contenders) read(buffers[0]!);
  const times: number[][] = [[], [], []];
  for (let round = 0; round < PARSE_ROUNDS; round++) {
    contenders.forEach((read, i) => times[i]!.push(pass(buffers, read)));
  }
  const ratio = (i: number) => median(times[i]!.map((t, round) => t / times[0]![round]!));
  const rows: [string, number][] = [
    ['dicom-parser parseDicom + the same tags', 0],
    ['lib/dicom parseDicom + readInstanceMetadata', 1],
    ['dcmjs DicomMessage.readFile + the same tags', 2],
  ];
  console.log(
    `\nmetadata parse, ${buffers.length} files in memory, ${PARSE_ROUNDS} interleaved rounds (median ms per file; ratio = median of per-round ratios to dicom-parser):`,
  );
  for (const [label, i] of rows) {
    const target = i === 1 ? `  (target <= 1.5x: ${verdict(ratio(1) <= 1.5)})` : '';
    console.log(
      `  ${pad(label, 44)} ${median(times[i]!).toFixed(3)}  ${ratio(i).toFixed(2)}x${target}`,
    );
  }
}

function benchLoad(dir: string): void {
  const memcpy: ChildResult[] = [];
  const load: ChildResult[] = [];
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    // which contender goes first alternates, so neither always meets the other's aftermath
    if (round % 2 === 0) memcpy.push(runChild('memcpy', dir));
    load.push(runChild('load', dir));
    if (round % 2 === 1) memcpy.push(runChild('memcpy', dir));
  }
  const types = [...new Set(load.map((result) => result.volumeType))];
  if (types.length !== 1 || !types[0]) {
    throw new Error(`the loads built different volume types: ${types.join(', ')}`);
  }
  const volumeType = types[0];
  const touch = runChild('touch', dir, volumeType);
  const speed = median(load.map((result, round) => memcpy[round]!.ms / result.ms));
  const typical = (results: ChildResult[]) =>
    results.find((r) => r.ms === median(results.map((x) => x.ms)))!;
  const copy = typical(memcpy);
  const full = typical(load);
  const gbps = (result: ChildResult) =>
    (result.fileBytes / (result.ms / 1000) / 1024 ** 3).toFixed(2);
  console.log(
    `\nseries load, ${full.files} files (${(full.fileBytes / MB).toFixed(0)} MB), ${LOAD_ROUNDS} interleaved rounds of fresh processes (median):`,
  );
  console.log(
    `  ${pad('memcpy peer: read files + Buffer copy', 56)} ${copy.ms.toFixed(0)} ms  ${gbps(copy)} GB/s of files`,
  );
  console.log(
    `  ${pad(`load: read + parse + decode + HU into ${ARTICLE[volumeType]} volume`, 56)} ${full.ms.toFixed(0)} ms  ${gbps(full)} GB/s of files`,
  );
  const steps = Object.entries(full.steps)
    .map(([step, ms]) => `${step} ${ms.toFixed(0)}`)
    .join(', ');
  console.log(`    where the load's time goes (ms): ${steps}`);
  console.log(
    `    for scale: first touch (zero fill) of a fresh ${(touch.resultBytes / MB).toFixed(0)} MB ${ARRAY_NAMES[volumeType]} alone: ${touch.ms.toFixed(0)} ms`,
  );
  console.log(
    `  load speed / memcpy speed = ${(speed * 100).toFixed(0)}% (median of per-round ratios; target >= 40%: ${verdict(speed >= 0.4)})`,
  );

  const worst = load.reduce((a, b) =>
    b.maxRss - b.baselineRss > a.maxRss - a.baselineRss ? b : a,
  );
  const ratio = (worst.maxRss - worst.baselineRss) / worst.resultBytes;
  console.log(
    `\npeak memory of the load (worst of ${LOAD_ROUNDS}): baseline RSS ${(worst.baselineRss / MB).toFixed(0)} MB, high-water ${(worst.maxRss / MB).toFixed(0)} MB, volume ${(worst.resultBytes / MB).toFixed(0)} MB`,
  );
  console.log(
    `  (high-water - baseline) / volume = ${ratio.toFixed(2)}x  (target < 1.3x: ${verdict(ratio < 1.3)})`,
  );
}

export const stage: BenchStage = {
  name: 'dicom',
  async run() {
    const started = process.hrtime.bigint();
    const series = ensureBenchSeries(300);
    const setupS = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `series: ${series.files.length} slices ${series.columns}x${series.rows} in ${path.relative(process.cwd(), series.dir)} (ready in ${setupS.toFixed(1)} s)`,
    );
    benchParse(series.files.map((file) => new Uint8Array(readFileSync(file))));
    benchLoad(series.dir);
  },
};
