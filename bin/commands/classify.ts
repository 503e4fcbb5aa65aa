/**
 * `secondlook classify <file.dcm|file.png ...> [--model DIR] [--json] [--cam out.png]
 * [--sc out.dcm] [--sr out.dcm]`: scores each image with onnxruntime-node (one batch), with
 * intended-use reasons and the Grad-CAM peak; `--cam` writes the image with the overlay, `--sc`
 * the Secondary Capture and `--sr` the structured report (TID 1500) that `secondlook pacs send`
 * would store in the PACS (DICOM inputs that were scored; a `-N` suffix per input when there are
 * several). One unreadable file is reported and the others run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  reportError,
  type Command,
  type CommandIO,
} from '../command';
import { defaultModelDir } from '../files';
import { SecondlookError, toErrorInfo, type ErrorInfo } from '../../lib/errors';
import { parseDicom } from '../../lib/dicom';
import { encodePng } from '../../lib/imaging/node';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { resultCapture } from '../../lib/results';
import { blendOverGrey } from '../../lib/saliency';
import {
  readImageFile,
  screenImages,
  type ReadImage,
  type ScreeningResult,
} from '../../lib/screening/node';

function outPath(base: string, index: number, count: number, defaultExt: string): string {
  if (count === 1) return base;
  const ext = path.extname(base);
  return `${base.slice(0, base.length - ext.length)}-${index + 1}${ext || defaultExt}`;
}

interface WrittenCapture {
  file: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

type Written = WrittenCapture | { error: ErrorInfo } | null;

function record(
  file: string,
  result: ScreeningResult,
  camFile: string | null,
  { sc, sr }: { sc: Written; sr: Written },
) {
  return {
    file,
    model: result.model,
    provider: result.provider,
    ms: Number(result.ms.toFixed(3)),
    probabilities: result.probabilities,
    findings: result.findings.map(({ label, probability, operatingPoint, threshold, flagged }) => ({
      label,
      probability,
      operatingPoint,
      threshold,
      flagged,
    })),
    outOfScope: result.outOfScope.length > 0 ? result.outOfScope : null,
    cam: result.cam && { ...result.cam, file: camFile },
    sc,
    sr,
  };
}

type Row = ReturnType<typeof record> | { file: string; error: ErrorInfo };

function describe(row: Row): string {
  if ('error' in row) return `${row.file}: error ${row.error.code}: ${row.error.message}\n`;
  const lines = [
    `${row.file}: ${row.model.id} ${row.model.version} on ${row.provider.runtime}/${row.provider.name}, ${row.ms.toFixed(1)} ms`,
  ];
  for (const reason of row.outOfScope ?? [])
    lines.push(`  out of scope (${reason.severity}) ${reason.code}: ${reason.message}`);
  for (const [label, p] of Object.entries(row.probabilities ?? {}))
    lines.push(`  ${label}: p = ${p.toFixed(4)}`);
  for (const finding of row.findings) {
    lines.push(
      `  ${finding.operatingPoint} (p >= ${finding.threshold.toFixed(4)}): ${finding.flagged ? 'FLAGGED' : 'not flagged'}`,
    );
  }
  if (row.cam) {
    lines.push(
      `  grad-cam (${row.cam.label}): peak at (${row.cam.peak.x}, ${row.cam.peak.y}) of ${row.cam.width}x${row.cam.height}, top-10% mass ${row.cam.topDecileMass.toFixed(3)}, border mass ${row.cam.borderMass.toFixed(3)}, outside-body mass ${row.cam.outsideBodyMass?.toFixed(3) ?? 'n/a'}${row.cam.file ? `, overlay ${row.cam.file}` : ''}`,
    );
  }
  for (const [name, written] of [
    ['secondary capture', row.sc],
    ['structured report', row.sr],
  ] as const) {
    if (written && 'error' in written) {
      lines.push(`  ${name} not written: ${written.error.code}: ${written.error.message}`);
    } else if (written) {
      lines.push(`  ${name} ${written.file} (${written.sopInstanceUID})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function classify(argv: string[], io: CommandIO, json: boolean): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    model: { type: 'string' },
    cam: { type: 'string' },
    sc: { type: 'string' },
    sr: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length === 0) {
    throw new SecondlookError(
      'USAGE',
      'usage: secondlook classify <file.dcm|file.png ...> [--model DIR] [--json] [--cam out.png] [--sc out.dcm] [--sr out.dcm]',
    );
  }
  const model = await loadModelFromDir(values.model ?? defaultModelDir);
  const read = await Promise.all(
    positionals.map((file) =>
      readImageFile(file).then(
        (image): ReadImage | ErrorInfo => image,
        (error: unknown) => toErrorInfo(error, file),
      ),
    ),
  );
  const readable = read.filter((item): item is ReadImage => 'image' in item);
  const session = await createNodeSession(model);
  const rows: Row[] = [];
  let failed = 0;
  try {
    const results = await screenImages(session, readable, { cam: true });
    let next = 0;
    for (const [index, file] of positionals.entries()) {
      const item = read[index]!;
      if (!('image' in item)) {
        failed++;
        rows.push({ file, error: item });
        continue;
      }
      const result = results[next++]!;
      let camFile: string | null = null;
      if (values.cam && result.explanation && result.prepared) {
        camFile = outPath(values.cam, index, positionals.length, '.png');
        const { width, height, grey } = result.prepared;
        const rgb = blendOverGrey(grey, result.explanation.source);
        await writeFile(camFile, encodePng({ width, height, channels: 3, data: rgb }));
      }
      const written: { sc: Written; sr: Written } = { sc: null, sr: null };
      if ((values.sc || values.sr) && item.kind === 'dicom' && result.probabilities) {
        const target = (base: string | undefined) =>
          base ? outPath(base, index, positionals.length, '.dcm') : null;
        const [scFile, srFile] = [target(values.sc), target(values.sr)];
        try {
          const source = parseDicom(new Uint8Array(await readFile(file)), { file });
          const made = await resultCapture({ source, session });
          for (const [key, out, object] of [
            ['sc', scFile, made],
            ['sr', srFile, made.report],
          ] as const) {
            if (out === null) continue;
            await writeFile(out, object.bytes);
            const { sopInstanceUID, seriesInstanceUID } = object;
            written[key] = { file: out, sopInstanceUID, seriesInstanceUID };
          }
        } catch (error) {
          failed++;
          const info = { error: toErrorInfo(error, file) };
          if (scFile) written.sc = info;
          if (srFile) written.sr = info;
        }
      }
      rows.push(record(file, result, camFile, written));
    }
  } finally {
    await session.release();
  }
  if (json) io.stdout(`${JSON.stringify(positionals.length === 1 ? rows[0] : rows, null, 2)}\n`);
  else for (const row of rows) ('error' in row ? io.stderr : io.stdout)(describe(row));
  if (failed === 0) return EXIT_OK;
  return failed === positionals.length && positionals.length === 1
    ? EXIT_BAD_INPUT
    : EXIT_SOME_FAILED;
}

export const command: Command = {
  async run(argv, io) {
    const json = argv.includes('--json');
    try {
      return await classify(argv, io, json);
    } catch (error) {
      reportError(io, error, json);
      return EXIT_BAD_INPUT;
    }
  },
};
