import { SecondlookError } from '../errors';
import { parseMeasurements, type Measurement } from './measurements';

export const DECISIONS = ['agree', 'disagree', 'uncertain'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface FindingDecision {
  finding: string;
  decision: Decision;
}

/**
 * What a reader writes: per-finding decisions on the AI's findings, flags, free text and the
 * measurements made in the viewer.
 */
export interface ReviewContent {
  decisions: FindingDecision[];
  confounders: string[];
  text: string;
  measurements: Measurement[];
}

const MAX_TEXT = 10_000;
const MAX_ITEMS = 50;
const LABEL = /^[\w .:/()+-]{1,64}$/u;

function bad(message: string): SecondlookError {
  return new SecondlookError('BAD_REVIEW', message);
}

function label(value: unknown, what: string): string {
  if (typeof value !== 'string' || !LABEL.test(value))
    throw bad(`${what} must be 1-64 plain characters`);
  return value;
}

function parseDecisions(value: unknown): FindingDecision[] {
  if (!Array.isArray(value) || value.length > MAX_ITEMS)
    throw bad(`decisions must be a list of at most ${MAX_ITEMS}`);
  const seen = new Set<string>();
  return value.map((item: unknown) => {
    const { finding, decision } = (item ?? {}) as Record<string, unknown>;
    const name = label(finding, 'finding');
    if (seen.has(name)) throw bad(`finding ${name} is decided twice`);
    seen.add(name);
    if (!(DECISIONS as readonly unknown[]).includes(decision)) {
      throw bad(`decision for ${name} must be one of ${DECISIONS.join(', ')}`);
    }
    return { finding: name, decision: decision as Decision };
  });
}

function parseConfounders(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_ITEMS)
    throw bad(`confounders must be a list of at most ${MAX_ITEMS}`);
  return [...new Set(value.map((flag) => label(flag, 'confounder flag')))].sort();
}

function parseText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || value.length > MAX_TEXT)
    throw bad(`text must be a string of at most ${MAX_TEXT} characters`);
  return value;
}

export function parseReviewContent(body: {
  decisions?: unknown;
  confounders?: unknown;
  text?: unknown;
  measurements?: unknown;
}): ReviewContent {
  return {
    decisions: parseDecisions(body.decisions ?? []),
    confounders: parseConfounders(body.confounders ?? []),
    text: parseText(body.text),
    measurements: parseMeasurements(body.measurements),
  };
}
