/**
 * What readers said about the model, for auditors hunting confounders: the signed reviews in
 * force (an amended review counts through its amendment only), grouped by the model version
 * whose result the reader saw, with each finding's agree / disagree / uncertain counts and each
 * confounder flag's count and studies. Study ids only, never patient data.
 */
import type { Db } from '../store/db';
import { DECISIONS, type Decision, type FindingDecision } from './validate';

interface FindingTally {
  finding: string;
  counts: Record<Decision, number>;
}

interface ConfounderTally {
  flag: string;
  reviews: number;
  /** Each study once, ascending. */
  studyIds: number[];
}

export interface ModelFeedback {
  /** The model whose result the reviews were signed against; null for reviews without one. */
  model: { name: string; version: string } | null;
  reviews: number;
  /** Reviews with at least one confounder flag. */
  flaggedReviews: number;
  findings: FindingTally[];
  confounders: ConfounderTally[];
}

interface Group {
  model: ModelFeedback['model'];
  /** Newer model versions have larger ids. */
  order: number;
  reviews: number;
  flaggedReviews: number;
  findings: Map<string, FindingTally>;
  flags: Map<string, { reviews: number; studies: Set<number> }>;
}

function tallyFinding(tallies: Map<string, FindingTally>, decision: FindingDecision): void {
  const tally = tallies.get(decision.finding) ?? {
    finding: decision.finding,
    counts: Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>,
  };
  tally.counts[decision.decision] += 1;
  tallies.set(decision.finding, tally);
}

/** Reader feedback per model version, newest model first; reviews without a model last. */
export async function readerFeedback(db: Db): Promise<ModelFeedback[]> {
  const reviews = await db.review.findMany({
    where: { signedAt: { not: null }, amendedBy: null },
    select: { studyId: true, inferenceId: true, decisions: true, confounders: true },
    orderBy: { id: 'asc' },
  });
  const inferenceIds = [...new Set(reviews.flatMap((r) => (r.inferenceId ? [r.inferenceId] : [])))];
  const inferences = await db.inference.findMany({
    where: { id: { in: inferenceIds } },
    select: { id: true, modelVersion: { select: { id: true, name: true, version: true } } },
  });
  const modelOf = new Map(inferences.map((i) => [i.id, i.modelVersion]));

  const groups = new Map<string, Group>();
  for (const review of reviews) {
    const version = review.inferenceId ? modelOf.get(review.inferenceId) : undefined;
    const model = version ? { name: version.name, version: version.version } : null;
    const key = model ? `${model.name}\u0000${model.version}` : '';
    const group = groups.get(key) ?? {
      model,
      order: version?.id ?? -1,
      reviews: 0,
      flaggedReviews: 0,
      findings: new Map<string, FindingTally>(),
      flags: new Map<string, { reviews: number; studies: Set<number> }>(),
    };
    groups.set(key, group);
    group.reviews += 1;
    for (const decision of JSON.parse(review.decisions) as FindingDecision[]) {
      tallyFinding(group.findings, decision);
    }
    const flags = new Set(JSON.parse(review.confounders) as string[]);
    if (flags.size > 0) group.flaggedReviews += 1;
    for (const flag of flags) {
      const tally = group.flags.get(flag) ?? { reviews: 0, studies: new Set<number>() };
      tally.reviews += 1;
      tally.studies.add(review.studyId);
      group.flags.set(flag, tally);
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.order - a.order)
    .map((group) => ({
      model: group.model,
      reviews: group.reviews,
      flaggedReviews: group.flaggedReviews,
      findings: [...group.findings.values()].sort((a, b) => a.finding.localeCompare(b.finding)),
      confounders: [...group.flags.entries()]
        .map(([flag, tally]) => ({
          flag,
          reviews: tally.reviews,
          studyIds: [...tally.studies].sort((a, b) => a - b),
        }))
        .sort((a, b) => b.reviews - a.reviews || a.flag.localeCompare(b.flag)),
    }));
}
