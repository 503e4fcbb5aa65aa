/**
 * The confounder audit across inferences: for the newest inferences, each scored one with where
 * its Grad-CAM mass sits (border band, background air, top decile) and whether a positive call
 * rests on a confounder (lib/saliency `confounderFlags`), next to what readers flagged for the
 * study; per model version, how many calls were judged and flagged, the median masses, and the
 * intended-use reasons inputs were refused or warned for. Flagged calls come first, then by mass
 * outside the body and on the border.
 */
import {
  CONFOUNDER_LIMITS,
  confounderFlags,
  readStoredCam,
  type ConfounderFlag,
  type ConfounderLimits,
  type StoredCam,
} from '../saliency';
import { findInChunks } from '../store/chunks';
import type { Db } from '../store/db';
import type { InferenceInput, OutOfScopeReason } from '../store';

export interface SaliencyAuditRow {
  inferenceId: number;
  studyId: number;
  patientName: string | null;
  studyDate: string | null;
  modality: string | null;
  model: { name: string; version: string };
  provider: string | null;
  recordedAt: string;
  /** The label the map explains, its probability, and whether any operating point called it. */
  call: { label: string; probability: number; positive: boolean } | null;
  cam: StoredCam | null;
  /** Only for positive calls: a map explains a call, not its absence. */
  flags: ConfounderFlag[];
  /** Confounders readers flagged for the study in signed reviews in force. */
  readerConfounders: string[];
}

export interface SaliencyAuditModel {
  model: { name: string; version: string };
  scored: number;
  positive: number;
  /** Positive calls with a usable map. */
  judged: number;
  flagged: { border: number; outsideBody: number; any: number };
  /** Medians over the judged calls; null when none. */
  median: { borderMass: number; outsideBodyMass: number | null } | null;
  /** Inputs outside the intended use, by reason code (blocking and advisory). */
  outOfScope: { code: string; severity: OutOfScopeReason['severity']; count: number }[];
}

export interface SaliencyAudit {
  limits: ConfounderLimits;
  /** Inferences looked at: the newest `window`. */
  considered: number;
  /** True when older inferences exist beyond the window. */
  truncated: boolean;
  models: SaliencyAuditModel[];
  rows: SaliencyAuditRow[];
}

export interface SaliencyAuditOptions {
  flaggedOnly?: boolean;
  /** Rows returned, at most (default 200). */
  limit?: number;
  /** Newest inferences looked at (default 5000). */
  window?: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function callOf(
  cam: StoredCam | null,
  probabilities: Record<string, number>,
  findings: InferenceInput['findings'],
): SaliencyAuditRow['call'] {
  const label =
    cam?.label ?? Object.entries(probabilities).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const probability = label === null ? undefined : probabilities[label];
  if (label === null || probability === undefined) return null;
  const positive = findings.some((finding) => finding.label === label && finding.flagged);
  return { label, probability, positive };
}

async function readerConfoundersByStudy(db: Db, studyIds: number[]) {
  const reviews = await findInChunks(studyIds, (ids) =>
    db.review.findMany({
      where: { studyId: { in: ids }, signedAt: { not: null }, amendedBy: null },
      select: { studyId: true, confounders: true },
    }),
  );
  const byStudy = new Map<number, Set<string>>();
  for (const review of reviews) {
    const flags = byStudy.get(review.studyId) ?? new Set<string>();
    for (const flag of JSON.parse(review.confounders) as string[]) flags.add(flag);
    byStudy.set(review.studyId, flags);
  }
  return byStudy;
}

const suspicion = (row: SaliencyAuditRow) => [
  row.flags.length,
  row.cam?.outsideBodyMass ?? -1,
  row.cam?.borderMass ?? -1,
];

export async function saliencyAudit(
  db: Db,
  options: SaliencyAuditOptions = {},
): Promise<SaliencyAudit> {
  const window = options.window ?? 5000;
  const inferences = await db.inference.findMany({
    orderBy: { id: 'desc' },
    take: window + 1,
    select: {
      id: true,
      provider: true,
      probabilities: true,
      findings: true,
      outOfScope: true,
      saliency: true,
      finishedAt: true,
      modelVersion: { select: { id: true, name: true, version: true } },
      series: {
        select: {
          modality: true,
          study: { select: { id: true, patientName: true, studyDate: true } },
        },
      },
    },
  });
  const truncated = inferences.length > window;
  const considered = inferences.slice(0, window);
  const readers = await readerConfoundersByStudy(db, [
    ...new Set(considered.map((row) => row.series.study.id)),
  ]);
  const models = new Map<number, SaliencyAuditModel & { masses: StoredCam[] }>();
  const rows: SaliencyAuditRow[] = [];
  for (const inference of considered) {
    const { name, version } = inference.modelVersion;
    const group = models.get(inference.modelVersion.id) ?? {
      model: { name, version },
      scored: 0,
      positive: 0,
      judged: 0,
      flagged: { border: 0, outsideBody: 0, any: 0 },
      median: null,
      outOfScope: [],
      masses: [],
    };
    models.set(inference.modelVersion.id, group);
    for (const reason of JSON.parse(inference.outOfScope) as OutOfScopeReason[]) {
      const tally = group.outOfScope.find((t) => t.code === reason.code);
      if (tally) tally.count += 1;
      else group.outOfScope.push({ code: reason.code, severity: reason.severity, count: 1 });
    }
    if (inference.probabilities === null) continue;
    group.scored += 1;
    let saliency: unknown = null;
    try {
      saliency = inference.saliency === null ? null : JSON.parse(inference.saliency);
    } catch {
      saliency = null;
    }
    const cam = readStoredCam(saliency);
    const call = callOf(
      cam,
      JSON.parse(inference.probabilities) as Record<string, number>,
      JSON.parse(inference.findings) as InferenceInput['findings'],
    );
    const flags = call?.positive && cam ? confounderFlags(cam) : [];
    if (call?.positive) group.positive += 1;
    if (call?.positive && cam) {
      group.judged += 1;
      group.masses.push(cam);
      if (flags.includes('border')) group.flagged.border += 1;
      if (flags.includes('outside-body')) group.flagged.outsideBody += 1;
      if (flags.length > 0) group.flagged.any += 1;
    }
    if (options.flaggedOnly && flags.length === 0) continue;
    const study = inference.series.study;
    rows.push({
      inferenceId: inference.id,
      studyId: study.id,
      patientName: study.patientName,
      studyDate: study.studyDate,
      modality: inference.series.modality,
      model: { name, version },
      provider: inference.provider,
      recordedAt: inference.finishedAt.toISOString(),
      call,
      cam,
      flags,
      readerConfounders: [...(readers.get(study.id) ?? [])].sort(),
    });
  }
  rows.sort((a, b) => {
    const [x, y] = [suspicion(a), suspicion(b)];
    return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]! || b.inferenceId - a.inferenceId;
  });
  return {
    limits: CONFOUNDER_LIMITS,
    considered: considered.length,
    truncated,
    models: [...models.values()].map(({ masses, ...group }) => {
      const outside = masses.flatMap((m) =>
        m.outsideBodyMass === null ? [] : [m.outsideBodyMass],
      );
      const borderMedian = median(masses.map((m) => m.borderMass));
      return {
        ...group,
        median:
          borderMedian === null
            ? null
            : { borderMass: borderMedian, outsideBodyMass: median(outside) },
        outOfScope: group.outOfScope.sort(
          (a, b) => b.count - a.count || a.code.localeCompare(b.code),
        ),
      };
    }),
    rows: rows.slice(0, options.limit ?? 200),
  };
}
