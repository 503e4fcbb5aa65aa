/**
 * An AI result as a DICOM structured report (Enhanced SR, TID 1500), judged by independent tools:
 * DCMTK's dsrdump reads it without an error or warning (it checks the Enhanced SR's relationship
 * constraints and prints the content tree), dicom3tools' dciodvfy finds no fault of its own
 * making, and PixelMed's DicomSRValidator finds it follows TID 1500 and the templates it includes.
 * The tree carries the stored probability and the call at each operating point of the
 * model's manifest, the finding's SNOMED CT code, the model as the device observer and the
 * algorithm, and names the image the model read; patient and study come from the source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../lib/dicom';
import { createNodeSession, loadModelFromDir, type ModelSession } from '../../lib/inference/node';
import { resultCapture, type ResultCapture } from '../../lib/results';
import { decimalString } from '../../lib/results/sr-content';
import { dcmdumpValue } from '../support/dcmdump';
import {
  COPIED_VALUE_WARNINGS,
  dciodvfyErrors,
  pixelmedSrFindings,
  srContentTree,
} from '../support/dicom-sr';
import { repoRoot, sharedDicomDir } from '../support/paths';

const dxChest = path.join(sharedDicomDir, 'pylibjpeg-data/966_fixed.dcm');
const crChest = path.join(sharedDicomDir, 'dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm');
const manifest = JSON.parse(
  readFileSync(path.join(repoRoot, 'models', 'pneumonia-cxr', 'model.json'), 'utf8'),
) as { operatingPoints: { name: string; threshold: number }[] };

let session: ModelSession;
let work: string;
beforeAll(async () => {
  session = await createNodeSession(
    await loadModelFromDir(path.join(repoRoot, 'models', 'pneumonia-cxr')),
  );
  work = mkdtempSync(path.join(tmpdir(), 'secondlook-sr-'));
});
afterAll(async () => {
  await session?.release();
  rmSync(work, { recursive: true, force: true });
});

const contentTree = (file: string) => srContentTree(file, COPIED_VALUE_WARNINGS);

/** The NUM value a line prints, as a number. */
const numOf = (line: string) => Number(/="([^"]+)" \(1,UCUM,"no units"\)>$/.exec(line)![1]);

describe.each([
  ['a flagged DX chest radiograph', dxChest, true],
  ['a CR chest radiograph not flagged', crChest, false],
])('the structured report of %s', (_, file, flagged) => {
  let capture: ResultCapture;
  let out: string;
  let tree: Map<string, string>;
  beforeAll(async () => {
    capture = await resultCapture({
      source: parseDicom(new Uint8Array(readFileSync(file)), { file }),
      session,
    });
    out = path.join(work, `${path.basename(file)}.sr.dcm`);
    writeFileSync(out, capture.report.bytes);
    tree = contentTree(out);
  }, 60_000);

  it('is an Enhanced SR that DCMTK reads cleanly and dciodvfy finds no fault of its own in', () => {
    expect(
      execFileSync('dcmdump', ['-Un', '+P', '0008,0016', out], { encoding: 'utf8' }),
    ).toContain('[1.2.840.10008.5.1.4.1.1.88.22]');
    expect(dcmdumpValue(out, '0008,0060')).toBe('SR');
    const sourceErrors = new Set(dciodvfyErrors(file));
    for (const error of dciodvfyErrors(out)) expect(sourceErrors).toContain(error);
    expect(tree.get('1')).toBe(
      '<CONTAINER:(126000,DCM,"Imaging Measurement Report")=SEPARATE>  # TID 1500 (DCMR, 1.2.840.10008.8.1.1)',
    );
  });

  it('follows TID 1500 and the templates it includes, as PixelMed checks them', () => {
    expect(pixelmedSrFindings(out)).toEqual([]);
  }, 60_000);

  it("sits in the source's study with its patient, in a series of its own, and names the image read", () => {
    for (const tag of ['0010,0010', '0010,0020', '0010,0030', '0020,000d']) {
      expect(dcmdumpValue(out, tag)).toBe(dcmdumpValue(file, tag));
    }
    expect(dcmdumpValue(out, '0020,000e')).toBe(capture.report.seriesInstanceUID);
    expect(capture.report.seriesInstanceUID).not.toBe(capture.seriesInstanceUID);
    expect(capture.report.seriesInstanceUID).not.toBe(dcmdumpValue(file, '0020,000e'));
    expect(dcmdumpValue(out, '0008,0018')).toBe(capture.report.sopInstanceUID);
    const dump = execFileSync('dcmdump', ['+P', '0008,1155', out], { encoding: 'utf8' });
    const named = [...dump.matchAll(/\[([\d.]+)\]/g)].map((match) => match[1]);
    // The image library's IMAGE item and the Current Requested Procedure Evidence.
    expect(named).toEqual([dcmdumpValue(file, '0008,0018'), dcmdumpValue(file, '0008,0018')]);
    const sopClass = /\[([\d.]+)\]/.exec(
      execFileSync('dcmdump', ['-Un', '+P', '0008,0016', file], { encoding: 'utf8' }),
    )![1];
    expect(tree.get('1.8.1.1')).toBe(`<contains IMAGE:=("${sopClass}",)>`);
  });

  it('says the model as observer and algorithm, and the finding by its SNOMED CT code', () => {
    expect(tree.get('1.2')).toBe(
      '<has obs context CODE:(121005,DCM,"Observer Type")=(121007,DCM,"Device")>',
    );
    expect(tree.get('1.6')).toBe(
      '<has obs context TEXT:(121015,DCM,"Device Observer Model Name")="pneumonia-cxr 1.2.0">',
    );
    manifest.operatingPoints.forEach((point, i) => {
      const group = `1.9.${i + 1}`;
      expect(tree.get(group)).toBe(
        '<contains CONTAINER:(125007,DCM,"Measurement Group")=SEPARATE>  # TID 1501 (DCMR, 1.2.840.10008.8.1.1)',
      );
      expect(tree.get(`${group}.3`)).toBe(
        '<contains CODE:(121071,DCM,"Finding")=(233604007,SCT,"Pneumonia")>',
      );
      expect(tree.get(`${group}.4`)).toBe(
        '<has concept mod TEXT:(111001,DCM,"Algorithm Name")="pneumonia-cxr">',
      );
      expect(tree.get(`${group}.5`)).toBe(
        '<has concept mod TEXT:(111003,DCM,"Algorithm Version")="1.2.0">',
      );
    });
  });

  it('holds per operating point the probability, the threshold and the call, as stored', () => {
    const p = capture.result.probabilities.pneumonia!;
    expect(manifest.operatingPoints.length).toBeGreaterThan(1);
    manifest.operatingPoints.forEach((point, i) => {
      const group = `1.9.${i + 1}`;
      const finding = capture.result.findings.find((f) => f.operatingPoint === point.name)!;
      expect(finding.flagged).toBe(p >= point.threshold);
      expect(tree.get(`${group}.1`)).toBe(
        `<has obs context TEXT:(112039,DCM,"Tracking Identifier")="pneumonia-cxr pneumonia ${point.name}">`,
      );
      expect(tree.get(`${group}.7`)).toBe(
        `<has concept mod TEXT:(111002,DCM,"Algorithm Parameters")="operating point ${point.name}">`,
      );
      expect(tree.get(`${group}.8`)).toMatch(/^<contains NUM:\(PROBABILITY,99SECONDLOOK,/);
      expect(Math.abs(numOf(tree.get(`${group}.8`)!) - p)).toBeLessThan(1e-12);
      expect(tree.get(`${group}.9`)).toMatch(/^<contains NUM:\(THRESHOLD,99SECONDLOOK,/);
      expect(Math.abs(numOf(tree.get(`${group}.9`)!) - point.threshold)).toBeLessThan(1e-12);
      expect(tree.get(`${group}.10`)).toBe(
        `<contains CODE:(FLAGGED,99SECONDLOOK,"Finding flagged by the AI")=${
          finding.flagged ? '(373066001,SCT,"Yes")' : '(373067005,SCT,"No")'
        }>`,
      );
    });
    expect(tree.get(`1.9.${manifest.operatingPoints.length + 1}`)).toBeUndefined();
    expect(capture.result.findings.some((f) => f.flagged)).toBe(flagged);
    expect(dcmdumpValue(out, '0008,103e')).toBe(
      `AI pneumonia-cxr 1.2.0 report: ${flagged ? 'FLAGGED pneumonia' : 'not flagged'}`,
    );
  });

  it('is named by what it holds: made again, the same UIDs', async () => {
    const again = await resultCapture({
      source: parseDicom(new Uint8Array(readFileSync(file)), { file }),
      session,
    });
    expect(again.report.sopInstanceUID).toBe(capture.report.sopInstanceUID);
    expect(again.report.seriesInstanceUID).toBe(capture.report.seriesInstanceUID);
    expect(again.report.sopInstanceUID).not.toBe(capture.sopInstanceUID);
  });
});

describe('numbers as DICOM decimal strings', () => {
  it('keep as many digits as 16 characters hold', () => {
    for (const value of [0.004475440728750123, 0.6338587024653007, 1, 0, 1e-9, 123456.789]) {
      const text = decimalString(value);
      expect(text.length).toBeLessThanOrEqual(16);
      expect(text).toMatch(/^[-+]?[\d.]+(e[-+]?\d+)?$/);
      expect(Math.abs(Number(text) - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-12);
    }
    expect(() => decimalString(Number.NaN)).toThrow();
  });
});
