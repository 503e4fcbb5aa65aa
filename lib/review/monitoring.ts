/**
 * Post-market monitoring of the screening model, for auditors: per model version and week (UTC,
 * Monday to Sunday), the series the screening worker scored or refused, the share it flagged, its
 * mean top probability, and the signed reads of that model's results with the share that disagree.
 * Each week's flagged and disagreeing shares are held against a p-chart (Shewhart's control chart
 * for a proportion): the pooled share of the model's other weeks, plus and minus three standard
 * errors for that week's count. A week outside those limits is what a drifting population, a
 * changed scanner or a broken input path looks like, and is marked. Counts only, never patient
 * data.
 */
import { findInChunks } from '../store/chunks';
import type { Db } from '../store/db';

export interface Proportion {
  count: number;
  of: number;
  /** The week's share is outside the p-chart's limits from the model's other weeks. */
  outOfControl: boolean;
  /** The limits it is held against; null when the other weeks give no baseline. */
  limits: { lower: number; upper: number } | null;
}

interface MonitoringWeek {
  /** The week's Monday, YYYY-MM-DD (UTC). */
  week: string;
  /** Series the screening worker scored. */
  scored: number;
  /** Series it refused as outside the intended use. */
  outOfScope: number;
  /** Of the scored, those flagged at some operating point. */
  flagged: Proportion;
  /** Mean of each scored series' highest label probability; null with none scored. */
  meanTopProbability: number | null;
  /** Signed reads in force of this model's results, by signature week, and those that disagree. */
  discordant: Proportion;
}

export interface ModelMonitoring {
  model: { name: string; version: string };
  weeks: MonitoringWeek[];
}

const DAY = 24 * 60 * 60_000;
/** The browser's runtime: its runs are recorded with reviews, not screened by the worker. */
const BROWSER_RUNTIME = 'onnxruntime-web/';

/** Midnight UTC of the Monday on or before `at`. */
export function weekStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY);
}

interface Tally {
  scored: number;
  outOfScope: number;
  flagged: number;
  topSum: number;
  reads: number;
  discordant: number;
}

const empty = (): Tally => ({
  scored: 0,
  outOfScope: 0,
  flagged: 0,
  topSum: 0,
  reads: 0,
  discordant: 0,
});

/** A week's share against the pooled share of the other weeks, at three standard errors. */
function controlled(count: number, of: number, otherCount: number, otherOf: number): Proportion {
  if (of === 0 || otherOf === 0) return { count, of, outOfControl: false, limits: null };
  const centre = otherCount / otherOf;
  const spread = 3 * Math.sqrt((centre * (1 - centre)) / of);
  const limits = { lower: Math.max(0, centre - spread), upper: Math.min(1, centre + spread) };
  const share = count / of;
  return { count, of, outOfControl: share < limits.lower || share > limits.upper, limits };
}

interface Collected {
  model: ModelMonitoring['model'];
  order: number;
  weeks: Map<number, Tally>;
}

function tallyOf(groups: Map<number, Collected>, model: Collected['model'] & { id: number }) {
  const group = groups.get(model.id) ?? {
    model: { name: model.name, version: model.version },
    order: model.id,
    weeks: new Map<number, Tally>(),
  };
  groups.set(model.id, group);
  return (week: number) => {
    const tally = group.weeks.get(week) ?? empty();
    group.weeks.set(week, tally);
    return tally;
  };
}

/** The inferences recorded in [since, now], read a page at a time (months hold many). */
async function* inferencesSince(db: Db, since: Date, now: Date) {
  let after = 0;
  for (;;) {
    const page = await db.inference.findMany({
      where: { createdAt: { gte: since, lte: now }, id: { gt: after } },
      select: {
        id: true,
        createdAt: true,
        provider: true,
        probabilities: true,
        findings: true,
        modelVersion: { select: { id: true, name: true, version: true } },
      },
      orderBy: { id: 'asc' },
      take: 5000,
    });
    yield* page;
    if (page.length < 5000) return;
    after = page[page.length - 1]!.id;
  }
}

/** The last `weeks` weeks (this one included) per model version, newest model first. */
export async function screeningMonitoring(
  db: Db,
  options: { weeks?: number; now?: Date } = {},
): Promise<ModelMonitoring[]> {
  const now = options.now ?? new Date();
  const count = options.weeks ?? 12;
  const first = weekStart(now).getTime() - (count - 1) * 7 * DAY;
  const since = new Date(first);
  const weekOf = (at: Date) => weekStart(at).getTime();
  const modelSelect = { select: { id: true, name: true, version: true } } as const;
  const groups = new Map<number, Collected>();

  for await (const inference of inferencesSince(db, since, now)) {
    if (inference.provider?.startsWith(BROWSER_RUNTIME)) continue;
    const tally = tallyOf(groups, inference.modelVersion)(weekOf(inference.createdAt));
    if (inference.probabilities === null) {
      tally.outOfScope += 1;
      continue;
    }
    tally.scored += 1;
    const probabilities = Object.values(JSON.parse(inference.probabilities) as object);
    tally.topSum += Math.max(...(probabilities as number[]));
    const findings = JSON.parse(inference.findings) as { flagged: boolean }[];
    if (findings.some((finding) => finding.flagged)) tally.flagged += 1;
  }

  const reviews = await db.review.findMany({
    where: { signedAt: { gte: since, lte: now }, amendedBy: null, inferenceId: { not: null } },
    select: { signedAt: true, discordant: true, inferenceId: true },
  });
  const models = new Map(
    (
      await findInChunks([...new Set(reviews.map((review) => review.inferenceId!))], (ids) =>
        db.inference.findMany({
          where: { id: { in: ids } },
          select: { id: true, modelVersion: modelSelect },
        }),
      )
    ).map((inference) => [inference.id, inference.modelVersion]),
  );
  for (const review of reviews) {
    const model = models.get(review.inferenceId!);
    if (!model) continue;
    const tally = tallyOf(groups, model)(weekOf(review.signedAt!));
    tally.reads += 1;
    if (review.discordant) tally.discordant += 1;
  }

  return [...groups.values()]
    .sort((a, b) => b.order - a.order)
    .map(({ model, weeks }) => {
      const totals = [...weeks.values()].reduce((sum, tally) => {
        for (const key of Object.keys(sum) as (keyof Tally)[]) sum[key] += tally[key];
        return sum;
      }, empty());
      return {
        model,
        weeks: Array.from({ length: count }, (_, i) => {
          const start = first + i * 7 * DAY;
          const tally = weeks.get(start) ?? empty();
          return {
            week: new Date(start).toISOString().slice(0, 10),
            scored: tally.scored,
            outOfScope: tally.outOfScope,
            flagged: controlled(
              tally.flagged,
              tally.scored,
              totals.flagged - tally.flagged,
              totals.scored - tally.scored,
            ),
            meanTopProbability: tally.scored > 0 ? tally.topSum / tally.scored : null,
            discordant: controlled(
              tally.discordant,
              tally.reads,
              totals.discordant - tally.discordant,
              totals.reads - tally.reads,
            ),
          };
        }),
      };
    });
}
