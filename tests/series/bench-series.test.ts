/**
 * The benchmark series generator (bench/support/ct-series.ts) writes valid DICOM: DCMTK reads
 * every slice, dciodvfy finds nothing beyond what it finds in the source file, the group
 * lengths DCMTK recomputes equal the ones we patched, pixel data is the source's, and the
 * slices assemble into one evenly spaced stack.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBenchSeries, sourceCtPath } from '../../bench/support/ct-series';
import { assembleSeries, parseDicom, readInstanceMetadata } from '../../lib/dicom';
import { workDir } from '../support/paths';

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** dciodvfy's findings, sorted, without the lines that name the file. */
function findings(file: string): string[] {
  return run('dciodvfy', [file]).split('\n').filter(Boolean).sort();
}

function groupLength(dump: string, tag: string): number {
  const match = new RegExp(`\\(${tag}\\) UL (\\d+)`).exec(dump);
  if (!match) throw new Error(`no ${tag} in dump`);
  return Number(match[1]);
}

describe('bench CT series generator', () => {
  const series = ensureBenchSeries(5, 2.5);

  it('writes slices that DCMTK and dciodvfy read like the source', () => {
    const expected = findings(sourceCtPath);
    for (const file of series.files) {
      expect(findings(file)).toEqual(expected);
      const dump = run('dcmdump', [file]);
      expect(dump).not.toMatch(/^[EW]: /m);
      // dcmconv rewrites the file and recomputes (0020,0000); ours must already agree.
      const copy = path.join(workDir, 'bench-series-dcmconv.dcm');
      run('dcmconv', ['+g=', file, copy]);
      const recomputed = run('dcmdump', [copy]);
      expect(groupLength(dump, '0020,0000')).toBe(groupLength(recomputed, '0020,0000'));
    }
  });

  it('keeps the pixel data and gives each slice its own UID and position', () => {
    const source = parseDicom(new Uint8Array(readFileSync(sourceCtPath)));
    const sourcePixels = source.dataSet.elements.x7fe00010!;
    const records = series.files.map((file) => {
      const dicom = parseDicom(new Uint8Array(readFileSync(file)), { file });
      const pixels = dicom.dataSet.elements.x7fe00010!;
      expect(
        Buffer.from(
          dicom.dataSet.byteArray.subarray(pixels.dataOffset, pixels.dataOffset + pixels.length),
        ).equals(
          Buffer.from(
            source.dataSet.byteArray.subarray(
              sourcePixels.dataOffset,
              sourcePixels.dataOffset + sourcePixels.length,
            ),
          ),
        ),
      ).toBe(true);
      return { ...readInstanceMetadata(dicom), file };
    });
    expect(new Set(records.map((r) => r.sopInstanceUID)).size).toBe(5);
    const [assembled] = assembleSeries(records);
    expect(assembled!.seriesInstanceUID).toBe(series.seriesInstanceUID);
    const stack = assembled!.stacks[0]!;
    expect(stack.slices.map((s) => s.file)).toEqual(series.files);
    expect(stack.spacing).toBeCloseTo(2.5, 6);
    expect([...assembled!.warnings, ...stack.warnings]).toEqual([]);
  });
});
