/**
 * An AI result as a DICOM Secondary Capture, judged by independent tools: dicom3tools' dciodvfy
 * finds no fault of its own making (only values copied from a faulty source), DCMTK's dcmdump reads
 * the source's patient and study attributes and the reference to the source image, and DCMTK's
 * dcmj2pnm decodes exactly the picture that was composed. The picture over the image is the
 * model's Grad-CAM blend (as `secondlook classify --cam` writes it), scaled to fit 1024 pixels.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../lib/dicom';
import { createNodeSession, loadModelFromDir, type ModelSession } from '../../lib/inference/node';
import { MAX_SIDE, resultCapture, uidFromName, type ResultCapture } from '../../lib/results';
import { blendOverGrey } from '../../lib/saliency';
import { dicomToScreeningInput, screenImages } from '../../lib/screening/node';
import { dcmdumpValue } from '../support/dcmdump';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { syntheticImage } from '../support/synthetic-dicom';

const dxChest = path.join(sharedDicomDir, 'pylibjpeg-data/966_fixed.dcm');
const crChest = path.join(sharedDicomDir, 'dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm');

let session: ModelSession;
let work: string;
beforeAll(async () => {
  session = await createNodeSession(
    await loadModelFromDir(path.join(repoRoot, 'models', 'pneumonia-cxr')),
  );
  work = mkdtempSync(path.join(tmpdir(), 'secondlook-sc-'));
});
afterAll(async () => {
  await session?.release();
  rmSync(work, { recursive: true, force: true });
});

const sourceOf = (file: string) => parseDicom(new Uint8Array(readFileSync(file)), { file });

async function captureOf(file: string): Promise<{ capture: ResultCapture; out: string }> {
  const capture = await resultCapture({ source: sourceOf(file), session });
  const out = path.join(work, `${path.basename(file)}.sc.dcm`);
  writeFileSync(out, capture.bytes);
  return { capture, out };
}

/** dciodvfy's error lines (it prints to stderr and exits non-zero on errors). */
function dciodvfyErrors(file: string): string[] {
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
}

/** The RGB samples DCMTK decodes from a file (dcmj2pnm, raw PPM). */
function dcmtkRgb(file: string): { width: number; height: number; data: Buffer } {
  const ppm = path.join(work, 'out.ppm');
  execFileSync('dcmj2pnm', ['--write-raw-pnm', file, ppm]);
  const bytes = readFileSync(ppm);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'))!;
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    data: bytes.subarray(header[0].length),
  };
}

describe('the result of a flagged DX chest radiograph', () => {
  let capture: ResultCapture;
  let out: string;
  beforeAll(async () => {
    ({ capture, out } = await captureOf(dxChest));
  }, 60_000);

  it('is a Secondary Capture with no fault of its own', () => {
    const errors = dciodvfyErrors(out);
    // The source's accession number and birth date are 56-character hashes, faults that copying
    // them byte for byte keeps; dciodvfy finds nothing else.
    const sourceErrors = new Set(dciodvfyErrors(dxChest));
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(sourceErrors).toContain(error);
    expect(
      execFileSync('dcmdump', ['-Un', '+P', '0008,0016', out], { encoding: 'utf8' }),
    ).toContain('[1.2.840.10008.5.1.4.1.1.7]');
    expect(dcmdumpValue(out, '0028,0301')).toBe('YES');
  });

  it("sits in the source's study, with its patient, and names the image the model read", () => {
    for (const tag of ['0010,0010', '0010,0020', '0010,0030', '0020,000d', '0008,0050']) {
      expect(dcmdumpValue(out, tag)).toBe(dcmdumpValue(dxChest, tag));
    }
    expect(dcmdumpValue(out, '0008,1155')).toBe(dcmdumpValue(dxChest, '0008,0018'));
    expect(dcmdumpValue(out, '0008,1150')).toBe(dcmdumpValue(dxChest, '0008,0016'));
    expect(dcmdumpValue(out, '0020,000e')).toBe(capture.seriesInstanceUID);
    expect(dcmdumpValue(out, '0020,000e')).not.toBe(dcmdumpValue(dxChest, '0020,000e'));
    expect(dcmdumpValue(out, '0008,103e')).toBe('AI pneumonia-cxr 1.2.0: FLAGGED pneumonia');
  });

  it('holds exactly the composed picture, the image scaled to fit 1024 pixels', () => {
    const decoded = dcmtkRgb(out);
    expect([decoded.width, decoded.height]).toEqual([
      capture.picture.width,
      capture.picture.height,
    ]);
    expect(Buffer.compare(decoded.data, Buffer.from(capture.picture.data))).toBe(0);
    // 2000 columns by 2128 rows: the rows become 1024, the columns in proportion.
    expect(capture.picture.width).toBe(Math.round((2000 * MAX_SIDE) / 2128));
    expect(capture.picture.height).toBeGreaterThan(MAX_SIDE);
  });

  it("says the call at each operating point, and the model's intended use, in its caption", () => {
    const [, scores] = capture.text.caption;
    const model = JSON.parse(
      readFileSync(path.join(repoRoot, 'models', 'pneumonia-cxr', 'model.json'), 'utf8'),
    );
    expect(capture.text.caption).toContain(
      `Intended use: ${model.intendedUse.use}. Population: ${model.intendedUse.population}.`,
    );
    const p = capture.result.probabilities.pneumonia!;
    expect(scores).toContain(`pneumonia: p = ${p.toFixed(3)}`);
    for (const finding of capture.result.findings) {
      expect(scores).toContain(
        `flagged at ${finding.operatingPoint} (p >= ${finding.threshold.toFixed(3)})`,
      );
    }
  });
});

describe('the result of a negative CR chest radiograph', () => {
  it('passes dciodvfy with no error, though its source has many', async () => {
    const { out } = await captureOf(crChest);
    expect(dciodvfyErrors(crChest).length).toBeGreaterThan(0);
    expect(dciodvfyErrors(out)).toEqual([]);
    expect(dcmdumpValue(out, '0008,103e')).toBe('AI pneumonia-cxr 1.2.0: not flagged');
  });

  it('shows the Grad-CAM blend over the image unscaled (440 pixels) above the caption', async () => {
    const { capture } = await captureOf(crChest);
    const source = sourceOf(crChest);
    const [result] = await screenImages(session, [await dicomToScreeningInput(source.bytes, 'cr')]);
    const { grey, width, height } = result!.prepared!;
    const blend = blendOverGrey(grey, result!.explanation!.source);
    expect([capture.picture.width, width, height]).toEqual([440, 440, 440]);
    expect(Buffer.compare(Buffer.from(capture.picture.data.subarray(0, blend.length)), blend)).toBe(
      0,
    );
    const band = capture.picture.data.subarray(blend.length);
    expect(band.some((value) => value === 255)).toBe(true);
  });

  it('refuses a stored result the model does not give again', async () => {
    const source = sourceOf(crChest);
    const { result } = await resultCapture({ source, session });
    const stored = {
      ...result,
      probabilities: { pneumonia: result.probabilities.pneumonia! + 0.01 },
    };
    await expect(resultCapture({ source, session, stored })).rejects.toMatchObject({
      code: 'RESULT_MISMATCH',
    });
  });

  it('gets the same UIDs from the same source and model, so sending again replaces it', async () => {
    const first = await captureOf(crChest);
    const again = await captureOf(crChest);
    const other = await captureOf(dxChest);
    expect(again.capture.sopInstanceUID).toBe(first.capture.sopInstanceUID);
    expect(again.capture.seriesInstanceUID).toBe(first.capture.seriesInstanceUID);
    expect(other.capture.sopInstanceUID).not.toBe(first.capture.sopInstanceUID);
  }, 60_000);
});

describe('uidFromName', () => {
  it('is a 2.25 UID of a version-8 UUID, at most 64 characters', () => {
    const uid = uidFromName('secondlook result 1.2.3');
    expect(uid).toMatch(/^2\.25\.[1-9][0-9]*$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    const hex = BigInt(uid.slice(5)).toString(16).padStart(32, '0');
    expect(hex[12]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(hex[16]);
    expect(uidFromName('secondlook result 1.2.3')).toBe(uid);
    expect(uidFromName('secondlook result 1.2.4')).not.toBe(uid);
  });
});

describe('a source in Latin-1', () => {
  /** A 256 x 256 frontal chest CR whose patient's name is 'Müller^Jörg' in ISO 8859-1. */
  function latin1Source(withStudyUid: boolean): Uint8Array {
    const name = Uint8Array.from(Buffer.from('Müller^Jörg', 'latin1'));
    return syntheticImage({
      sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
      sopInstanceUID: '1.2.826.0.1.3680043.10.1470.77.1.1.1',
      size: 256,
      bits: 12,
      header: [
        { tag: 0x00080005, vr: 'CS', value: 'ISO_IR 100' },
        { tag: 0x00080060, vr: 'CS', value: 'CR' },
        { tag: 0x00100010, vr: 'PN', value: name },
        { tag: 0x00100020, vr: 'LO', value: 'LATIN-1' },
        { tag: 0x00180015, vr: 'CS', value: 'CHEST' },
        { tag: 0x00185101, vr: 'CS', value: 'PA' },
        ...(withStudyUid
          ? [{ tag: 0x0020000d, vr: 'UI', value: '1.2.826.0.1.3680043.10.1470.77.1' } as const]
          : []),
        { tag: 0x0020000e, vr: 'UI', value: '1.2.826.0.1.3680043.10.1470.77.1.1' },
      ],
    });
  }

  it("keeps the patient's name bytes and the character set they are in", async () => {
    const source = parseDicom(latin1Source(true), { file: 'latin1' });
    const { bytes } = await resultCapture({ source, session });
    const out = path.join(work, 'latin1.sc.dcm');
    writeFileSync(out, bytes);
    const sc = parseDicom(bytes, { file: 'sc' });
    const nameBytes = (file: typeof sc) => {
      const element = file.dataSet.elements.x00100010!;
      return Buffer.from(
        file.dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length),
      );
    };
    expect(nameBytes(sc)).toEqual(nameBytes(source));
    expect(dcmdumpValue(out, '0008,0005')).toBe('ISO_IR 100');
    expect(
      execFileSync('dcmdump', ['+U8', '+P', '0010,0010', out], { encoding: 'utf8' }),
    ).toContain('Müller^Jörg');
  });

  it('refuses a source without a Study Instance UID (MISSING_UID)', async () => {
    const source = parseDicom(latin1Source(false), { file: 'no-study' });
    await expect(resultCapture({ source, session })).rejects.toMatchObject({
      code: 'MISSING_UID',
    });
  });
});
