/**
 * A store that has been in use for a while, written row by row (as a database from before the
 * worklist keys would hold it): 1 200 studies with every screening state, probabilities with
 * ties, dates missing or malformed, names with DICOM separators, `%`, `_` and `\`, several
 * modalities, and reviews by the reader and by others (drafts, signed, amended, discordant).
 * Seeded, so every run writes the same archive.
 */
import type { Db } from '../../lib/store';
import type { Prisma } from '../../lib/store/generated/sqlite/client';

export const ARCHIVE_STUDIES = 1200;

const NAMES = [
  'Osterman^Phillip^B.',
  'DEMO^CHEST^2',
  null,
  'Müller^Jörg',
  '100%^Sure',
  'under_score^Ann',
  'Yamada^Tarou=山田^太郎',
  'Smith^Jane',
];
const DESCRIPTIONS = ['XR CHEST PA', 'XR CHEST AP, portable', 'CT CHEST', 'AP\\PA', null];
const MODALITIES = ['CR', 'DX', 'CT', null];

/** mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function findings(probability: number) {
  return [
    {
      label: 'pneumonia',
      probability,
      operatingPoint: 'high-sensitivity',
      threshold: 0.2,
      flagged: probability >= 0.2,
    },
    {
      label: 'pneumonia',
      probability,
      operatingPoint: 'balanced',
      threshold: 0.5,
      flagged: probability >= 0.5,
    },
  ];
}

/** Writes the archive (`count` studies); returns the reader's and another reader's user ids. */
export async function writeArchive(
  db: Db,
  count = ARCHIVE_STUDIES,
): Promise<{ readerId: number; otherId: number }> {
  const random = generator(20261206);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const reader = await db.user.create({
    data: { username: 'reader', role: 'radiologist', passwordHash: 'x' },
  });
  const other = await db.user.create({
    data: { username: 'other', role: 'radiologist', passwordHash: 'x' },
  });
  const model = await db.modelVersion.create({
    data: { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'a'.repeat(64) },
  });
  const uid = (i: number) => `1.2.826.0.1.3680043.10.1470.82.${i}`;
  await db.study.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const day = 1 + Math.floor(random() * 28);
      const dated = random();
      return {
        studyInstanceUID: uid(i),
        patientName: pick(NAMES),
        patientId: `ID-${i}`,
        studyDescription: pick(DESCRIPTIONS),
        studyDate:
          dated < 0.1
            ? null
            : dated < 0.13
              ? '2024-1-1'
              : `${2020 + Math.floor(random() * 7)}0${1 + Math.floor(random() * 9)}${String(day).padStart(2, '0')}`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 3e10)),
        // Its names are as a file's character set reads them; its rows have no stored files.
        textRead: true,
      };
    }),
  });
  const studies = await db.study.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  const seriesRows = studies.flatMap((study, i) =>
    Array.from({ length: 1 + Math.floor(random() * 2) }, (_, k) => ({
      seriesInstanceUID: `${uid(i)}.${k + 1}`,
      studyId: study.id,
      modality: pick(MODALITIES),
    })),
  );
  await db.series.createMany({ data: seriesRows });
  const series = await db.series.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  const now = new Date();
  const rows = {
    instances: [] as Prisma.InstanceCreateManyInput[],
    inferences: [] as Prisma.InferenceCreateManyInput[],
    failures: [] as Prisma.ScreeningFailureCreateManyInput[],
  };
  for (const [k, s] of series.entries()) {
    const instances = random() < 0.05 ? 0 : 1 + Math.floor(random() * 2);
    rows.instances.push(
      ...Array.from({ length: instances }, (_, n) => ({
        sopInstanceUID: `${seriesRows[k]!.seriesInstanceUID}.${n + 1}`,
        seriesId: s.id,
        blobPath: 'blobs/none',
        sha256: 'c'.repeat(64),
        size: 1,
        // Kept at import, as now: no file stands behind these rows for a sweep to read it from.
        imageType: '[]',
      })),
    );
    const state = random();
    const inference = (probability: number | null): Prisma.InferenceCreateManyInput => ({
      seriesId: s.id,
      modelVersionId: model.id,
      provider: probability === null ? null : 'onnxruntime-node/cpu',
      inputSha256: 'b'.repeat(64),
      probabilities: probability === null ? null : JSON.stringify({ pneumonia: probability }),
      findings: JSON.stringify(probability === null ? [] : findings(probability)),
      outOfScope: JSON.stringify(
        probability === null
          ? [{ code: 'NOT_CHEST_XRAY', severity: 'block', message: 'modality CT' }]
          : [],
      ),
      timings: '{}',
      startedAt: now,
      finishedAt: now,
    });
    // Probabilities in steps of 0.01, so many studies tie and the date decides.
    const probability = () => Math.round(random() * 100) / 100;
    if (state < 0.55) {
      rows.inferences.push(inference(probability()));
      if (random() < 0.3) rows.inferences.push(inference(probability()));
    } else if (state < 0.7) {
      rows.inferences.push(inference(null));
    } else if (state < 0.85) {
      rows.failures.push({
        seriesId: s.id,
        modelVersionId: model.id,
        code: random() < 0.5 ? 'DECODE_FAILED' : 'MODEL_UNAVAILABLE',
        message: 'the reason',
        attempts: 1 + Math.floor(random() * 5),
        failedAt: new Date(now.getTime() - Math.floor(random() * 1e7)),
        retryAt: random() < 0.5 ? null : new Date(now.getTime() + 60_000),
      });
    }
  }
  // One statement each: ids follow the array, so a series' later inference is its latest.
  await db.instance.createMany({ data: rows.instances });
  await db.inference.createMany({ data: rows.inferences });
  await db.screeningFailure.createMany({ data: rows.failures });
  const reviews: { first: Prisma.ReviewCreateManyInput; amendment: string | null }[] = [];
  for (const study of studies) {
    for (const readerId of [reader.id, other.id]) {
      const state = random();
      if (state < 0.45) continue;
      const decisions = JSON.stringify([
        { finding: 'pneumonia', decision: pick(['agree', 'disagree', 'uncertain']) },
      ]);
      const amendment =
        state > 0.85
          ? JSON.stringify([{ finding: 'pneumonia', decision: pick(['agree', 'disagree']) }])
          : null;
      reviews.push({
        first: {
          studyId: study.id,
          readerId,
          decisions,
          discordant: decisions.includes('"disagree"'),
          confounders: '[]',
          text: '',
          startedAt: now,
          signedAt: state < 0.55 ? null : now,
        },
        amendment,
      });
    }
  }
  await db.review.createMany({ data: reviews.map((review) => review.first) });
  const firstIds = await db.review.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  await db.review.createMany({
    data: reviews.flatMap(({ first, amendment }, k) =>
      amendment === null
        ? []
        : [
            {
              ...first,
              decisions: amendment,
              discordant: amendment.includes('"disagree"'),
              signedAt: now,
              amendsId: firstIds[k]!.id,
            },
          ],
    ),
  });
  return { readerId: reader.id, otherId: other.id };
}
