import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import { decodePng, encodePng } from '../../lib/imaging/node';
import { readImageSplit, type ImageSplit } from '../../lib/inference/node';
import { pneumoniaMnistPath, sharedDicomDir, workDir } from '../support/paths';
import { capture } from '../support/cli';
import { dcmdumpValue } from '../support/dcmdump';
import { syntheticImage } from '../support/synthetic-dicom';
import { readModelJson, type GradCamFixture } from './support';

const SCALE = 8;
const dir = path.join(workDir, 'classify-cli');
const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const lateralCr = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033', 'CR1', '6154');
const nuclearMedicine = path.join(sharedDicomDir, 'pydicom-data', 'JPEG-LL.dcm');
const model = readModelJson<{ calibration: { T: number } }>('model.json');
const fixture = readModelJson<GradCamFixture>('fixtures/gradcam.json');
let test: ImageSplit;

interface Row {
  file: string;
  model: { id: string };
  provider: { runtime: string; name: string };
  probabilities: Record<string, number> | null;
  findings: { label: string; operatingPoint: string; flagged: boolean; probability: number }[];
  outOfScope: { code: string; severity: string }[] | null;
  cam: {
    width: number;
    height: number;
    peak: { x: number; y: number };
    file: string | null;
  } | null;
  error?: { code: string };
}

/** Test image `index` of PneumoniaMNIST, each pixel an 8x8 block: area resizing gives it back exactly. */
function upscaledPng(index: number, tint = false): string {
  const size = 28 * SCALE;
  const channels = tint ? 3 : 1;
  const data = new Uint8Array(size * size * channels);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const value = test.images[index * 784 + Math.floor(y / SCALE) * 28 + Math.floor(x / SCALE)]!;
      if (tint)
        data.set([value, Math.round(value * 0.8), Math.round(value * 0.5)], (y * size + x) * 3);
      else data[y * size + x] = value;
    }
  }
  const file = path.join(dir, `test-${index}${tint ? '-tinted' : ''}.png`);
  writeFileSync(file, encodePng({ width: size, height: size, channels, data }));
  return file;
}

async function classify(args: string[]): Promise<{ status: number; rows: Row[] }> {
  const io = capture();
  const status = await main(['classify', ...args, '--json'], io);
  const parsed = JSON.parse(io.out.join('')) as Row | Row[];
  return { status, rows: Array.isArray(parsed) ? parsed : [parsed] };
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  test = await readImageSplit(pneumoniaMnistPath, 'test');
});

describe('secondlook classify', () => {
  it('scores a PNG like PyTorch scored the same test image, with the CAM peak in the autograd peak cell', async () => {
    const items = fixture.items.slice(0, 3);
    const files = items.map((item) => upscaledPng(item.index));
    const { status, rows } = await classify(files);
    expect(status).toBe(0);
    rows.forEach((row, i) => {
      const item = items[i]!;
      const expected = 1 / (1 + Math.exp(-item.logits[0]! / model.calibration.T));
      expect(row.provider).toMatchObject({ runtime: 'onnxruntime-node', name: 'cpu' });
      expect(Math.abs(row.probabilities!.pneumonia! - expected)).toBeLessThanOrEqual(1e-4);
      expect(row.outOfScope?.map((reason) => [reason.code, reason.severity])).toEqual([
        ['MODALITY_UNKNOWN', 'advisory'],
        ['VIEW_UNKNOWN', 'advisory'],
      ]);
      const cam = item.gradcam[0]!.camNormalised.flat();
      const peakCell = cam.indexOf(Math.max(...cam));
      const cell = (28 * SCALE) / 7;
      expect(row.cam).toMatchObject({ width: 224, height: 224 });
      expect([Math.floor(row.cam!.peak.x / cell), Math.floor(row.cam!.peak.y / cell)]).toEqual([
        peakCell % 7,
        Math.floor(peakCell / 7),
      ]);
    });
  });

  it('scores a frontal CR chest DICOM in scope and writes the overlay at the source size', async () => {
    const out = path.join(dir, 'chest-cam.png');
    const { status, rows } = await classify([chestCr, '--cam', out]);
    expect(status).toBe(0);
    const row = rows[0]!;
    expect(row.outOfScope).toBeNull();
    expect(row.model.id).toBe('pneumonia-cxr');
    expect(row.findings.map((finding) => finding.operatingPoint)).toEqual([
      'high-sensitivity',
      'balanced',
    ]);
    expect(row.cam).toMatchObject({ width: 440, height: 440, file: out });
    const png = decodePng(readFileSync(out));
    expect([png.width, png.height, png.channels]).toEqual([440, 440, 3]);
  });

  it('refuses to score inputs outside the intended use, saying why', async () => {
    const tiny = path.join(dir, 'tiny.png');
    writeFileSync(
      tiny,
      encodePng({ width: 28, height: 28, channels: 1, data: test.images.slice(0, 784) }),
    );
    const { status, rows } = await classify([
      lateralCr,
      nuclearMedicine,
      tiny,
      upscaledPng(0, true),
    ]);
    expect(status).toBe(0);
    const codes = rows.map((row) =>
      row.outOfScope!.filter((reason) => reason.severity === 'block').map((reason) => reason.code),
    );
    expect(codes[0]).toEqual(['VIEW', 'TOO_SMALL']);
    expect(codes[1]).toContain('MODALITY');
    expect(codes[2]).toEqual(['TOO_SMALL']);
    expect(codes[3]).toEqual(['COLOUR']);
    for (const row of rows) {
      expect(row.probabilities).toBeNull();
      expect(row.findings).toEqual([]);
      expect(row.cam).toBeNull();
    }
  });

  it('scores a radiograph whose header says text is burned in, with an advisory that says so', async () => {
    // The chest CR with Burned In Annotation set to YES by DCMTK's dcmodify; the pixels are the same.
    const marked = path.join(dir, 'cr-burned-in.dcm');
    copyFileSync(chestCr, marked);
    execFileSync('dcmodify', ['-nb', '-i', '(0028,0301)=YES', marked]);
    expect(dcmdumpValue(marked, '0028,0301')).toBe('YES');
    const { status, rows } = await classify([chestCr, marked]);
    expect(status).toBe(0);
    const [plain, burned] = rows as [Row, Row];
    expect((plain.outOfScope ?? []).map((reason) => reason.code)).not.toContain(
      'BURNED_IN_ANNOTATION',
    );
    expect(burned.outOfScope).toContainEqual(
      expect.objectContaining({ code: 'BURNED_IN_ANNOTATION', severity: 'advisory' }),
    );
    expect(burned.probabilities).toEqual(plain.probabilities);
    expect(burned.findings).toEqual(plain.findings);
  });

  it('reports a bad file and still classifies the rest (exit 1)', async () => {
    const missing = path.join(dir, 'missing.dcm');
    const { status, rows } = await classify([missing, chestCr]);
    expect(status).toBe(1);
    expect(rows[0]).toMatchObject({ file: missing, error: { code: 'READ_FAILED', file: missing } });
    expect(rows[1]!.probabilities).not.toBeNull();
  });

  it('writes the Secondary Capture the PACS would get (--sc), and says why it cannot', async () => {
    const noStudy = path.join(dir, 'no-study-uid.dcm');
    writeFileSync(
      noStudy,
      syntheticImage({
        sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
        sopInstanceUID: '1.2.826.0.1.3680043.10.1470.79.1',
        size: 256,
        bits: 12,
        header: [
          { tag: 0x00080060, vr: 'CS', value: 'CR' },
          { tag: 0x00180015, vr: 'CS', value: 'CHEST' },
          { tag: 0x00185101, vr: 'CS', value: 'PA' },
        ],
      }),
    );
    const out = path.join(dir, 'result.dcm');
    const report = path.join(dir, 'report.dcm');
    const { status, rows } = await classify([chestCr, noStudy, '--sc', out, '--sr', report]);
    expect(status).toBe(1);
    type Written = { file: string; sopInstanceUID: string };
    const [written, refused] = rows as (Row & { sc: Written; sr: Written })[];
    expect(written!.sc.file).toBe(path.join(dir, 'result-1.dcm'));
    expect(dcmdumpValue(written!.sc.file, '0008,0018')).toBe(written!.sc.sopInstanceUID);
    expect(dcmdumpValue(written!.sc.file, '0020,000d')).toBe(dcmdumpValue(chestCr, '0020,000d'));
    expect(written!.sr.file).toBe(path.join(dir, 'report-1.dcm'));
    expect(dcmdumpValue(written!.sr.file, '0008,0018')).toBe(written!.sr.sopInstanceUID);
    expect(dcmdumpValue(written!.sr.file, '0008,0060')).toBe('SR');
    expect(dcmdumpValue(written!.sr.file, '0020,000d')).toBe(dcmdumpValue(chestCr, '0020,000d'));
    expect(refused!.probabilities).not.toBeNull();
    expect(refused!.sc).toMatchObject({ error: { code: 'MISSING_UID' } });
    expect(refused!.sr).toMatchObject({ error: { code: 'MISSING_UID' } });
  });
});
