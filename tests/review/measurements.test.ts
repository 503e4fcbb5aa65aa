/**
 * Measurements signed with a review: kept, returned and attested by the audit trail, and
 * checked against the images they name. The expected lengths, angles and areas use the pixel
 * spacing DCMTK's dcmdump reads from each file (functional groups included), and the probe's value
 * the stored word dcmdump reads with the file's rescale, not lib/dicom's.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex, verifyAuditChain } from '../../lib/audit';
import { createUser, type SessionUser } from '../../lib/auth';
import {
  amendReview,
  createReview,
  listReviews,
  signReview,
  updateDraft,
  type Measurement,
} from '../../lib/review';
import { importPaths } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { dcmdumpModalityValue, dcmdumpModalityValues, dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';

const nonSquare = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001', 'CT2N', '6924');
const enhanced = path.join(
  sharedDicomDir,
  'dicomParser',
  'encapsulated',
  'multi-frame',
  'CT0012.explicit_little_endian.dcm',
);
const ctSlice = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm');
const dx = path.join(sharedDicomDir, 'pylibjpeg-data', '966_fixed.dcm');

/** [row spacing, column spacing] as dcmdump reads the file's first Pixel Spacing. */
function spacingOf(file: string): [number, number] {
  const [row, column] = dcmdumpValue(file, '0028,0030').split('\\').map(Number);
  return [row!, column!];
}

/**
 * Statistics of the modality values DCMTK reads at the pixel centres inside an axis-aligned
 * ellipse (centre and radii in pixels), the spread over all of them (population) or less one.
 */
function ellipseStats(
  file: string,
  [centreColumn, centreRow]: [number, number],
  [columnRadius, rowRadius]: [number, number],
  lessOne = false,
) {
  const { columns, values } = dcmdumpModalityValues(file);
  const inside = values.filter((_, index) => {
    const [column, row] = [index % columns, Math.floor(index / columns)];
    return (
      ((column - centreColumn) / columnRadius) ** 2 + ((row - centreRow) / rowRadius) ** 2 <= 1
    );
  });
  const mean = inside.reduce((sum, value) => sum + value, 0) / inside.length;
  const squares = inside.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return {
    count: inside.length,
    mean,
    stdDev: Math.sqrt(squares / (inside.length - (lessOne ? 1 : 0))),
    min: Math.min(...inside),
    max: Math.max(...inside),
  };
}

function length(file: string, [[c1, r1], [c2, r2]]: [[number, number], [number, number]]): number {
  const [row, column] = spacingOf(file);
  return Math.hypot((c2 - c1) * column, (r2 - r1) * row);
}

describe.each(databases)('review measurements on %s', (kind) => {
  let store: TestStore;
  let alice: SessionUser;
  let instanceOf: (file: string) => Promise<{ id: number; studyId: number }>;

  beforeEach(async () => {
    store = await freshStore(kind);
    const user = await createUser(
      store.db,
      { username: 'alice', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    alice = { id: user.id, username: 'alice', role: 'radiologist' };
    const summary = await importPaths(store, [nonSquare, enhanced, ctSlice], null);
    instanceOf = (file) => {
      const result = summary.results.find((r) => r.file === file);
      if (!result?.instanceId || !result.studyId) throw new Error(`${file} was not imported`);
      return Promise.resolve({ id: result.instanceId, studyId: result.studyId });
    };
  });
  afterEach(() => store.dispose());

  it('signs lengths and angles that their points make with the frame spacing', async () => {
    const image = await instanceOf(nonSquare);
    const points: [[number, number], [number, number]] = [
      [1.5, 2.25],
      [13.75, 11.5],
    ];
    const expected = length(nonSquare, points);
    // The pixels are not square (0.545 mm between rows, 0.597 between columns): a length that
    // swapped them would be this far off.
    const [row, column] = spacingOf(nonSquare);
    expect(row).not.toBeCloseTo(column, 2);
    const swapped = Math.hypot(12.25 * row, 9.25 * column);
    expect(Math.abs(swapped - expected)).toBeGreaterThan(0.1);
    const angle: Measurement = {
      tool: 'Angle',
      instanceId: image.id,
      frame: 1,
      points: [
        [0, 0],
        [8, 0],
        [8, 8],
      ],
      // A right angle in pixels is a right angle in mm: the legs run along the axes.
      values: [{ name: 'angle', value: 90, unit: '°' }],
    };
    const measurements: Measurement[] = [
      {
        tool: 'Length',
        instanceId: image.id,
        frame: 1,
        points,
        values: [{ name: 'length', value: expected, unit: 'mm' }],
      },
      angle,
      {
        tool: 'Probe',
        instanceId: image.id,
        frame: 1,
        // The viewer reads the nearest pixel: column 4, row 9.
        points: [[4.3, 8.8]],
        values: [{ name: 'value', value: dcmdumpModalityValue(nonSquare, 4, 9), unit: 'HU' }],
      },
      {
        tool: 'EllipticalROI',
        instanceId: image.id,
        frame: 1,
        // Bottom, top, left, right: 8 rows tall and 6 columns wide.
        points: [
          [8, 12],
          [8, 4],
          [5, 8],
          [11, 8],
        ],
        values: [{ name: 'area', value: Math.PI * (3 * column) * (4 * row), unit: 'mm²' }],
      },
    ];
    const review = await createReview(store, alice, {
      studyId: image.studyId,
      decisions: [{ finding: 'pneumonia', decision: 'agree' }],
      measurements,
      sign: true,
    });
    expect(review.measurements).toEqual(measurements);
    const [listed] = await listReviews(store.db, alice, image.studyId);
    expect(listed!.measurements).toEqual(measurements);

    // The audit event attests the measurements with the rest of the content.
    const event = await store.db.auditEvent.findFirstOrThrow({
      where: { action: 'review.sign', subjectId: String(review.id) },
    });
    const attested = JSON.parse(event.details) as { contentSha256: string };
    const content = {
      decisions: [{ finding: 'pneumonia', decision: 'agree' }],
      confounders: [],
      text: '',
      measurements: measurements.map((m) => ({ ...m, values: m.values.map((v) => ({ ...v })) })),
      inferenceId: null,
    };
    expect(attested.contentSha256).toBe(sha256Hex(canonicalJson(content)));
    expect((await verifyAuditChain(store.db)).ok).toBe(true);

    // A length measured with the spacings swapped is refused, as is one in the wrong unit.
    const wrong = (value: number, unit: string): Measurement => ({
      ...measurements[0]!,
      values: [{ name: 'length', value, unit }],
    });
    for (const bad of [wrong(swapped, 'mm'), wrong(expected, 'px')]) {
      await expect(
        createReview(store, alice, { studyId: image.studyId, measurements: [bad] }),
      ).rejects.toMatchObject({ code: 'MEASUREMENT_MISMATCH' });
    }
    const changed = (index: number, values: Measurement['values']) => ({
      ...measurements[index]!,
      values,
    });
    const neighbour = dcmdumpModalityValue(nonSquare, 5, 9);
    expect(neighbour).not.toBe(measurements[2]!.values[0]!.value);
    for (const refused of [
      { ...angle, values: [{ name: 'angle', value: 45, unit: '°' }] },
      changed(2, [{ name: 'value', value: neighbour, unit: 'HU' }]),
      changed(3, [{ name: 'area', value: Math.PI * 12, unit: 'px²' }]),
    ]) {
      await expect(
        createReview(store, alice, { studyId: image.studyId, measurements: [refused] }),
      ).rejects.toMatchObject({ code: 'MEASUREMENT_MISMATCH' });
    }
    // Halfway between two pixels, either may be the one the viewer read.
    const tie: Measurement = {
      ...measurements[2]!,
      points: [[4.5, 9]],
      values: [{ name: 'value', value: neighbour, unit: 'HU' }],
    };
    await createReview(store, alice, { studyId: image.studyId, measurements: [tie] });
  });

  it('signs a bidirectional’s long and short axis as the frame spacing orders them', async () => {
    const image = await instanceOf(nonSquare);
    const [row, column] = spacingOf(nonSquare);
    // 10 columns across, 10.9 rows down: the line down is longer in pixels, the one across in mm.
    const across = 10 * column;
    const down = 10.9 * row;
    expect(across).toBeGreaterThan(down);
    const bidirectional = (length: number, width: number): Measurement => ({
      tool: 'Bidirectional',
      instanceId: image.id,
      frame: 1,
      points: [
        [3, 8],
        [13, 8],
        [8, 2.6],
        [8, 13.5],
      ],
      values: [
        { name: 'length', value: length, unit: 'mm' },
        { name: 'width', value: width, unit: 'mm' },
      ],
    });
    const review = await createReview(store, alice, {
      studyId: image.studyId,
      measurements: [bidirectional(across, down)],
      sign: true,
    });
    expect(review.measurements).toEqual([bidirectional(across, down)]);
    await expect(
      createReview(store, alice, {
        studyId: image.studyId,
        measurements: [bidirectional(down, across)],
      }),
    ).rejects.toMatchObject({ code: 'MEASUREMENT_MISMATCH' });
    await expect(
      createReview(store, alice, {
        studyId: image.studyId,
        measurements: [
          {
            ...bidirectional(across, down),
            points: [
              [3, 8],
              [13, 8],
              [8, 2.6],
            ],
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'BAD_MEASUREMENT' });
  });

  it('signs an ellipse’s mean, spread and range only as its pixels make them', async () => {
    const image = await instanceOf(nonSquare);
    const [row, column] = spacingOf(nonSquare);
    // Bottom, top, left, right: 8 rows tall and 6 columns wide, centred on pixel (8, 8); the
    // pixels at the ends of the axes lie on the boundary, and the viewer takes them.
    const points: [number, number][] = [
      [8, 12],
      [8, 4],
      [5, 8],
      [11, 8],
    ];
    const stats = ellipseStats(nonSquare, [8, 8], [3, 4]);
    expect(stats.count).toBeGreaterThan(30);
    expect(stats.max).toBeGreaterThan(stats.min);
    const ellipse = (values: Partial<Record<'mean' | 'stdDev' | 'min' | 'max', number>>) => ({
      tool: 'EllipticalROI' as const,
      instanceId: image.id,
      frame: 1,
      points,
      values: [
        { name: 'area', value: Math.PI * (3 * column) * (4 * row), unit: 'mm²' },
        ...Object.entries(values).map(([name, value]) => ({ name, value, unit: 'HU' })),
      ],
    });
    const { count, ...shown } = stats;
    const review = await createReview(store, alice, {
      studyId: image.studyId,
      measurements: [ellipse(shown)],
      sign: true,
    });
    expect(review.measurements[0]!.values.map((value) => value.name)).toEqual([
      'area',
      'mean',
      'stdDev',
      'min',
      'max',
    ]);
    // A spread over n - 1, a mean one tenth off, or the range of the ellipse one row smaller.
    const smaller = ellipseStats(nonSquare, [8, 8], [3, 3]);
    expect(smaller.min !== stats.min || smaller.max !== stats.max).toBe(true);
    for (const refused of [
      { stdDev: ellipseStats(nonSquare, [8, 8], [3, 4], true).stdDev },
      { mean: stats.mean + 0.1 },
      { min: smaller.min, max: smaller.max },
    ]) {
      await expect(
        createReview(store, alice, {
          studyId: image.studyId,
          measurements: [ellipse({ ...shown, ...refused })],
        }),
      ).rejects.toMatchObject({
        code: 'MEASUREMENT_MISMATCH',
        message: expect.stringContaining(`over ${count} pixel(s)`),
      });
    }
  });

  it('reads the spacing of an enhanced multi-frame frame from its functional groups', async () => {
    const image = await instanceOf(enhanced);
    const row = await store.db.instance.findUniqueOrThrow({ where: { id: image.id } });
    // No top-level Pixel Spacing: only the functional groups have it.
    expect(row.pixelSpacing).toBeNull();
    const points: [[number, number], [number, number]] = [
      [100, 100],
      [400, 300],
    ];
    const review = await createReview(store, alice, {
      studyId: image.studyId,
      measurements: [2, 1].map((frame) => ({
        tool: 'Length',
        instanceId: image.id,
        frame,
        points,
        values: [{ name: 'length', value: length(enhanced, points), unit: 'mm' }],
      })),
    });
    expect(review.measurements.map((m) => m.frame)).toEqual([2, 1]);
    await expect(
      createReview(store, alice, {
        studyId: image.studyId,
        measurements: [{ tool: 'Probe', instanceId: image.id, frame: 3, points: [[1, 1]] }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_MEASUREMENT', message: expect.stringMatching(/frame 3/) });
  });

  it('measures a radiograph at its detector, as the viewer labels it', async () => {
    const summary = await importPaths(store, [dx], null);
    const image = summary.results[0]!;
    const points: [[number, number], [number, number]] = [
      [100, 200],
      [400, 600],
    ];
    const length = (unit: string): Measurement => ({
      tool: 'Length',
      instanceId: image.instanceId!,
      frame: 1,
      points,
      values: [{ name: 'length', value: Math.hypot(300 * 0.16, 400 * 0.16), unit }],
    });
    // dcmdump: Pixel Spacing and Imager Pixel Spacing are both 0.160, and no plane in the patient.
    expect(dcmdumpValue(dx, '0018,1164')).toBe('0.160\\0.160');
    expect(dcmdumpValue(dx, '0020,0032')).toBe('');
    await createReview(store, alice, { studyId: image.studyId, measurements: [length('mm Proj')] });
    await expect(
      createReview(store, alice, { studyId: image.studyId, measurements: [length('mm')] }),
    ).rejects.toMatchObject({ code: 'MEASUREMENT_MISMATCH' });
  });

  it('refuses measurements of other studies, off the image or of the wrong shape', async () => {
    const image = await instanceOf(nonSquare);
    const other = await instanceOf(ctSlice);
    expect(other.studyId).not.toBe(image.studyId);
    const probe = (change: Record<string, unknown>) => ({
      tool: 'Probe',
      instanceId: image.id,
      frame: 1,
      points: [[4, 4]],
      values: [],
      ...change,
    });
    const refused: [unknown, RegExp][] = [
      [[probe({ instanceId: other.id })], /not of study/],
      [[probe({ points: [[4, 40]] })], /off the image/],
      [[probe({ tool: 'Ruler' })], /tool must be one of/],
      [
        [
          probe({
            points: [
              [1, 1],
              [2, 2],
            ],
          }),
        ],
        /Probe has 1 point/,
      ],
      [[probe({ points: [[1, Number.NaN]] })], /two finite numbers/],
      [[probe({ frame: 0 })], /frame must be a positive integer/],
      [[probe({ values: [{ name: 'length', value: 1, unit: 'mm' }] })], /one of value/],
      [[probe({ values: [{ name: 'value', value: 1, unit: '<script>' }] })], /unit/],
      [Array.from({ length: 101 }, () => probe({})), /at most 100/],
      ['not a list', /must be a list/],
    ];
    for (const [measurements, message] of refused) {
      await expect(
        createReview(store, alice, { studyId: image.studyId, measurements }),
      ).rejects.toMatchObject({ code: 'BAD_MEASUREMENT', message: expect.stringMatching(message) });
    }
    expect(await store.db.review.count()).toBe(0);
  });

  it('keeps a draft’s measurements through edits and starts an amendment from its own', async () => {
    const image = await instanceOf(nonSquare);
    const probe: Measurement = {
      tool: 'Probe',
      instanceId: image.id,
      frame: 1,
      points: [[3, 3]],
      values: [],
    };
    const draft = await createReview(store, alice, {
      studyId: image.studyId,
      measurements: [probe],
    });
    const edited = await updateDraft(store, alice, draft.id, { text: 'looked again' });
    expect(edited.measurements).toEqual([probe]);
    await expect(
      updateDraft(store, alice, draft.id, {
        measurements: [{ ...probe, points: [[3, 99]] }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_MEASUREMENT' });
    const signed = await signReview(store, alice, draft.id);
    expect(signed.measurements).toEqual([probe]);
    const amendment = await amendReview(store, alice, draft.id, { text: 'none after all' });
    expect(amendment.measurements).toEqual([]);
    const original = await store.db.review.findUniqueOrThrow({ where: { id: draft.id } });
    expect(JSON.parse(original.measurements)).toEqual([probe]);
  });

  it('hashes a review without measurements as reviews were hashed before them', async () => {
    const image = await instanceOf(nonSquare);
    const review = await createReview(store, alice, { studyId: image.studyId, text: 'plain' });
    const event = await store.db.auditEvent.findFirstOrThrow({
      where: { action: 'review.create', subjectId: String(review.id) },
    });
    const before = { decisions: [], confounders: [], text: 'plain', inferenceId: null };
    expect((JSON.parse(event.details) as { contentSha256: string }).contentSha256).toBe(
      sha256Hex(canonicalJson(before)),
    );
  });
});
