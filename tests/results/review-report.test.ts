/**
 * A signed review as a DICOM structured report (Enhanced SR, TID 1500, verified by its reader),
 * judged by independent tools: DCMTK's dsrdump reads it without an error and prints its content
 * tree, dcmdump reads its points, frames and verification, dicom3tools' dciodvfy finds no
 * fault of its own making, and PixelMed's DicomSRValidator finds it follows TID 1500 and the
 * templates it includes. Made from real CT files: a localizer with non-square pixels (a length,
 * an angle, a probe, an ellipse and a bidirectional) and frame 2 of an enhanced multi-frame CT.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../lib/dicom';
import { readManifestFromDir } from '../../lib/inference/node';
import { reviewReport, type MeasuredImage } from '../../lib/results';
import type { Measurement } from '../../lib/review';
import { dcmdumpValue } from '../support/dcmdump';
import { dciodvfyErrors, pixelmedSrFindings, srContentTree } from '../support/dicom-sr';
import { repoRoot, sharedDicomDir } from '../support/paths';

const localizer = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001', 'CT2N', '6924');
const enhanced = path.join(
  sharedDicomDir,
  'dicomParser',
  'encapsulated',
  'multi-frame',
  'CT0012.explicit_little_endian.dcm',
);

/** The image of a file as a review names it, as dcmdump reads its UIDs and frames. */
function imageOf(file: string): MeasuredImage {
  return {
    sopClassUID: /\[([\d.]+)\]/.exec(
      execFileSync('dcmdump', ['-Un', '+P', '0008,0016', file], { encoding: 'utf8' }),
    )![1]!,
    sopInstanceUID: dcmdumpValue(file, '0008,0018'),
    seriesInstanceUID: dcmdumpValue(file, '0020,000e'),
    frames: Number(dcmdumpValue(file, '0028,0008') || 1),
  };
}

const measurements: Measurement[] = [
  {
    tool: 'Length',
    instanceId: 1,
    frame: 1,
    points: [
      [1.5, 2.25],
      [13.75, 11.5],
    ],
    values: [{ name: 'length', value: 9.5, unit: 'mm' }],
  },
  {
    tool: 'Angle',
    instanceId: 1,
    frame: 1,
    points: [
      [0, 0],
      [8, 0],
      [8, 8],
    ],
    values: [{ name: 'angle', value: 90, unit: '°' }],
  },
  {
    tool: 'Probe',
    instanceId: 1,
    frame: 1,
    points: [[4, 9]],
    // A label after the unit longer than a code value may be (16): a probe's unit is not checked.
    values: [{ name: 'value', value: -1000, unit: 'HU Unusual-calibration' }],
  },
  {
    tool: 'EllipticalROI',
    instanceId: 1,
    frame: 1,
    // Bottom, top, left, right: 8 rows tall, 6 columns wide.
    points: [
      [8, 12],
      [8, 4],
      [5, 8],
      [11, 8],
    ],
    values: [
      { name: 'area', value: 41.2, unit: 'mm²' },
      { name: 'mean', value: 12.5, unit: 'HU' },
    ],
  },
  {
    tool: 'Length',
    instanceId: 2,
    frame: 2,
    points: [
      [100, 100],
      [400, 300],
    ],
    values: [{ name: 'length', value: 123.4, unit: 'mm' }],
  },
  {
    tool: 'Bidirectional',
    instanceId: 1,
    frame: 1,
    // The long axis across, the short axis down through it.
    points: [
      [2, 8],
      [14, 8],
      [8, 5],
      [8, 11],
    ],
    values: [
      { name: 'length', value: 7.2, unit: 'mm' },
      { name: 'width', value: 3.3, unit: 'mm' },
    ],
  },
];

let work: string;
let file: string;
let tree: Map<string, string>;
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'secondlook-review-report-'));
  const source = parseDicom(new Uint8Array(readFileSync(localizer)), { file: localizer });
  const { labels } = await readManifestFromDir(path.join(repoRoot, 'models', 'pneumonia-cxr'));
  const bytes = reviewReport({
    source,
    review: {
      id: 7,
      reader: 'alice',
      signedAt: new Date('2026-12-06T10:00:00Z'),
      decisions: [{ finding: 'pneumonia', decision: 'uncertain' }],
      confounders: [],
      text: '',
      measurements,
      aiResult: 'pneumonia-cxr 1.2.0',
    },
    images: new Map([
      [1, imageOf(localizer)],
      [2, imageOf(enhanced)],
    ]),
    labels,
    predecessor: null,
    seriesInstanceUID: '2.25.1001',
    sopInstanceUID: '2.25.1002',
    seriesNumber: 9900,
    seriesDescription: 'secondlook review by alice',
    software: { name: 'secondlook', version: '0.0.0' },
    createdAt: new Date('2026-12-06T10:01:00Z'),
  });
  file = path.join(work, 'review.dcm');
  writeFileSync(file, bytes);
  tree = srContentTree(file);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the structured report of a signed review', () => {
  it('is an Enhanced SR its reader verified, that dciodvfy finds no fault of its own in', () => {
    const sourceErrors = new Set(dciodvfyErrors(localizer));
    for (const error of dciodvfyErrors(file)) expect(sourceErrors).toContain(error);
    expect(dcmdumpValue(file, '0040,a491')).toBe('COMPLETE');
    expect(dcmdumpValue(file, '0040,a493')).toBe('VERIFIED');
    expect(dcmdumpValue(file, '0040,a075')).toBe('alice');
    expect(dcmdumpValue(file, '0040,a030')).toBe('20261206100000+0000');
    expect(tree.get('1.2')).toBe(
      '<has obs context CODE:(121005,DCM,"Observer Type")=(121006,DCM,"Person")>',
    );
  });

  it('follows TID 1500 and the templates it includes, as PixelMed checks them', () => {
    expect(pixelmedSrFindings(file)).toEqual([]);
  }, 60_000);

  it('names every image measured, the frame of a multi-frame one, as evidence too', () => {
    const dump = execFileSync('dcmdump', ['+p', '+P', '0008,1155', '+P', '0008,1160', file], {
      encoding: 'utf8',
    });
    const evidence = [...dump.matchAll(/^\(0040,a375\)\S* UI \[([\d.]+)\]/gm)].map((m) => m[1]);
    expect(evidence.sort()).toEqual(
      [imageOf(localizer).sopInstanceUID, imageOf(enhanced).sopInstanceUID].sort(),
    );
    // Only the multi-frame CT's reference carries a frame: 2.
    expect([...dump.matchAll(/\(0008,1160\) IS \[(\d+)\]/g)].map((m) => m[1])).toEqual(['2']);
  });

  it('holds each measurement with its points as image coordinates, the pixel index plus one half', () => {
    const graphic = execFileSync('dcmdump', ['+P', '0070,0022', file], { encoding: 'utf8' })
      .split('\n')
      .flatMap((line) => /FL ([\d.\\-]+)/.exec(line)?.[1] ?? [])
      .map((values) => values.split('\\').map(Number));
    expect(graphic).toEqual([
      [2, 2.75, 14.25, 12],
      [0.5, 0.5, 8.5, 0.5, 8.5, 8.5],
      [4.5, 9.5],
      // The ellipse's longer axis (bottom to top, 8 rows) first, as DICOM's ELLIPSE wants.
      [8.5, 12.5, 8.5, 4.5, 5.5, 8.5, 11.5, 8.5],
      [100.5, 100.5, 400.5, 300.5],
      // The bidirectional's outline: each line a diagonal of it.
      [2.5, 8.5, 8.5, 5.5, 14.5, 8.5, 8.5, 11.5, 2.5, 8.5],
    ]);
    const values = [...tree.values()];
    expect(values).toEqual(
      expect.arrayContaining([
        '<contains SCOORD:(111030,DCM,"Image Region")=(POLYLINE,2/2.75,14.25/12)>',
        '<contains NUM:(410668003,SCT,"Length")="9.5" (mm,UCUM,"millimeter")>',
        '<contains SCOORD:(111030,DCM,"Image Region")=(POLYLINE,0.5/0.5,8.5/0.5,8.5/8.5)>',
        '<contains NUM:(ANGLE,99SECONDLOOK,"Angle between two lines")="90" (deg,UCUM,"degree")>',
        '<contains SCOORD:(111030,DCM,"Image Region")=(POINT,4.5/9.5)>',
        '<has concept mod CODE:(MEASURING-SCALE,99SECONDLOOK,"Measuring scale of the image")=(UNUSUAL-CALIBRAT,99SECONDLOOK,"Unusual-calibration")>',
        '<contains NUM:(MODALITY-VALUE,99SECONDLOOK,"Modality value at the point")="-1000" ([hnsf\'U],UCUM,"Hounsfield unit")>',
        '<contains SCOORD:(111030,DCM,"Image Region")=(ELLIPSE,8.5/12.5,8.5/4.5,5.5/8.5,11.5/8.5)>',
        '<contains NUM:(42798000,SCT,"Area")="41.2" (mm2,UCUM,"square millimeter")>',
        '<contains NUM:(373098007,SCT,"Mean")="12.5" ([hnsf\'U],UCUM,"Hounsfield unit")>',
        '<contains TEXT:(AI-RESULT,99SECONDLOOK,"AI result reviewed")="pneumonia-cxr 1.2.0">',
        '<contains NUM:(103339001,SCT,"Long Axis")="7.2" (mm,UCUM,"millimeter")>',
        '<contains NUM:(103340004,SCT,"Short Axis")="3.3" (mm,UCUM,"millimeter")>',
      ]),
    );
    // Each measurement a TID 1410 group, its points the group's Image Region.
    for (const group of ['1.6.1', '1.6.2', '1.6.3', '1.6.4', '1.6.5', '1.6.6']) {
      expect(tree.get(group)).toBe(
        '<contains CONTAINER:(125007,DCM,"Measurement Group")=SEPARATE>  # TID 1410 (DCMR, 1.2.840.10008.8.1.1)',
      );
      expect(tree.get(`${group}.3`)).toMatch(/^<contains SCOORD:\(111030,DCM,"Image Region"\)/);
    }
  });

  it("holds the reader's decision on each AI finding, named by the finding, before the texts", () => {
    expect(tree.get('1.7')).toBe(
      '<contains CONTAINER:(C0034375,UMLS,"Qualitative Evaluations")=SEPARATE>',
    );
    expect(tree.get('1.7.1')).toBe(
      '<contains CODE:(233604007,SCT,"Pneumonia")=(UNCERTAIN,99SECONDLOOK,"Uncertain whether the AI is right")>',
    );
    expect(tree.get('1.7.2')).toBe(
      '<contains TEXT:(AI-RESULT,99SECONDLOOK,"AI result reviewed")="pneumonia-cxr 1.2.0">',
    );
    expect(tree.get('1.6.7')).toBeUndefined();
  });
});
