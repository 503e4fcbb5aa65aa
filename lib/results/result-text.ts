/**
 * What an AI result says in words, for the picture's caption, the PACS's series list and the
 * Secondary Capture's Derivation Description (and the report's series description): every label's calibrated probability, the call at
 * each operating point with its threshold, the advisories the intended-use check raised, the
 * model's intended use and population, and the model by name, version and checksum. ASCII only, so every PACS viewer shows it.
 */
import type { Finding, IntendedUse, ModelIdentity, OutOfScopeReason } from '../inference';

export interface ResultFacts {
  model: ModelIdentity;
  probabilities: Record<string, number>;
  findings: Finding[];
  outOfScope: OutOfScopeReason[];
  /** The label the map explains. */
  camLabel: string;
  /** What the model is for, from its manifest: a reader at the PACS has no model card at hand. */
  intendedUse: Pick<IntendedUse, 'use' | 'population'>;
}

export interface ResultText {
  caption: string[];
  /** At most 64 characters (LO). */
  seriesDescription: string;
  /** The structured report's series description, at most 64 characters (LO). */
  reportDescription: string;
  /** At most 1024 characters (ST). */
  derivation: string;
}

const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');
const p = (value: number) => value.toFixed(3);

function calls(label: string, findings: Finding[]): string {
  return findings
    .filter((finding) => finding.label === label)
    .map(
      (finding) =>
        `${finding.flagged ? 'flagged' : 'not flagged'} at ${finding.operatingPoint} (p >= ${p(finding.threshold)})`,
    )
    .join(', ');
}

export function resultText(facts: ResultFacts): ResultText {
  const { model } = facts;
  const labels = Object.keys(facts.probabilities);
  const flagged = [...new Set(facts.findings.filter((f) => f.flagged).map((f) => f.label))];
  const modelName = `${model.id} ${model.version}`;
  const scores = labels.map(
    (label) => `${label}: p = ${p(facts.probabilities[label]!)}, ${calls(label, facts.findings)}.`,
  );
  const caution = facts.outOfScope.map((reason) => `Caution: ${reason.message}`);
  const caption = [
    'secondlook AI result - not a diagnosis; for the radiologist reading the original images.',
    ...scores,
    ...caution,
    `Intended use: ${facts.intendedUse.use}. Population: ${facts.intendedUse.population}.`,
    `Model ${modelName} (sha256 ${model.sha256.slice(0, 12)}). Grad-CAM of ${facts.camLabel} over the image the model read, colour bar below.`,
  ].map(ascii);
  const verdict = flagged.length > 0 ? `FLAGGED ${flagged.join(', ')}` : 'not flagged';
  const derivation = ascii(
    `Grad-CAM of ${facts.camLabel} by ${modelName} (sha256 ${model.sha256}) over the source image as windowed for the model; ${scores.join(' ')}`,
  ).slice(0, 1024);
  return {
    caption,
    seriesDescription: ascii(`AI ${modelName}: ${verdict}`).slice(0, 64),
    reportDescription: ascii(`AI ${modelName} report: ${verdict}`).slice(0, 64),
    derivation,
  };
}
