/**
 * readStructuredReport (lib/dicom/structured-report.ts) against DCMTK's dsrdump on every
 * structured report of the shared data and on the AI report `secondlook classify --sr` writes:
 * the same content tree (nesting, relationships, value types, concept names, references by
 * position) and the same values where dsrdump prints them in full.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import { formatPersonName, parseDicom, readStructuredReport, type SrItem } from '../../lib/dicom';
import { capture } from '../support/cli';
import { sharedDicomDir, workDir } from '../support/paths';
import { allDicomFiles, load } from './support';

interface DumpItem {
  depth: number;
  relationship: string | null;
  valueType: string | null;
  concept: string | null;
  value: string;
}

const TYPED =
  /^( *)<(?:([a-z][a-z ]*?) )?([A-Z0-9]+):(?:\(([^,]*),([^,]*),"(.*?)"\))?=(.*)>(?: \{.*\})?$/;
const BY_REFERENCE = /^( *)<([a-z][a-z ]*?) ([\d.]+)>$/;

/** The content tree as dsrdump prints it (long values in full, concept codes, invalid accepted). */
function dsrdump(file: string): DumpItem[] {
  const out = execFileSync('dsrdump', ['-q', '-Ph', '+Pl', '+Pc', '-Ec', '-Ee', '-Ev', file], {
    encoding: 'latin1',
  });
  return out.split('\n').flatMap((line): DumpItem[] => {
    const reference = BY_REFERENCE.exec(line);
    if (reference) {
      const [, indent, relationship, position] = reference as unknown as string[];
      const item = { relationship: relationship!, valueType: null, concept: null };
      return [{ depth: indent!.length / 2, ...item, value: position! }];
    }
    const typed = TYPED.exec(line);
    if (!typed) return [];
    const [, indent, relationship, valueType, code, scheme, meaning, value] = typed as unknown as (
      string | undefined
    )[];
    return [
      {
        depth: indent!.length / 2,
        relationship: relationship ?? null,
        valueType: valueType!,
        concept: meaning === undefined ? null : `${code},${scheme},${meaning}`,
        value: value!,
      },
    ];
  });
}

function flatten(item: SrItem, depth = 0): (SrItem & { depth: number })[] {
  return [{ ...item, depth }, ...item.children.flatMap((child) => flatten(child, depth + 1))];
}

/** Our value as dsrdump prints it, for the value types it prints in full. */
function dumpValue(item: SrItem, dumped: string): string | null {
  const quoted = (text: string) => `"${text.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
  switch (item.valueType) {
    case 'CONTAINER':
      return item.value;
    case 'TEXT':
    case 'UIDREF':
    case 'DATE':
    case 'TIME':
    case 'DATETIME':
      return quoted(item.value);
    case 'PNAME':
      // dsrdump prints the stored name; ours is the name in reading order.
      return formatPersonName(/^"(.*)"$/.exec(dumped)?.[1]) === item.value
        ? dumped
        : quoted(item.value);
    case 'CODE': {
      const code = /^\((.*?),(.*?),"(.*)"\)$/.exec(dumped);
      return code
        ? `${code[3]} (${code[1]}, ${code[2]})` === item.value
          ? dumped
          : item.value
        : item.value;
    }
    case 'NUM': {
      const num = /^"(.*?)" \((.*?),/.exec(dumped);
      const words = num && (num[2] === '1' ? num[1] : `${num[1]} ${num[2]}`);
      return words === item.value ? dumped : item.value;
    }
    case null:
      return item.value;
    default:
      return null;
  }
}

function differences(file: string): string[] {
  const report = readStructuredReport(parseDicom(new Uint8Array(readFileSync(file)), { file }));
  if (!report) return [`${file}: not read as a report`];
  const ours = flatten(report.document);
  const theirs = dsrdump(file);
  const found: string[] = [];
  if (ours.length !== theirs.length)
    found.push(`${file}: ${ours.length} items vs ${theirs.length}`);
  for (const [k, item] of ours.entries()) {
    const other = theirs[k];
    if (!other) break;
    const at = `${path.basename(file)} item ${k}`;
    const concept = item.concept
      ? `${item.concept.value},${item.concept.scheme},${item.concept.meaning}`
      : null;
    const shape = [item.depth, item.relationship?.toLowerCase() ?? null, item.valueType, concept];
    const otherShape = [other.depth, other.relationship, other.valueType, other.concept];
    if (JSON.stringify(shape) !== JSON.stringify(otherShape)) {
      found.push(`${at}: ${JSON.stringify(shape)} vs ${JSON.stringify(otherShape)}`);
      break;
    }
    const value = dumpValue(item, other.value);
    if (value !== null && value !== other.value) found.push(`${at}: ${value} vs ${other.value}`);
  }
  return found;
}

/** The instance each IMAGE item references, in order, as dsrdump prints it (+Pu: UID, frames). */
function dsrdumpReferences(file: string): { sopInstanceUID: string; frames: number[] }[] {
  const out = execFileSync('dsrdump', ['-q', '-Ph', '+Pl', '+Pu', '-Ec', '-Ee', '-Ev', file], {
    encoding: 'latin1',
  });
  return [...out.matchAll(/ IMAGE:[^=]*=\([^,]*,"([^"]*)"((?:,\d+)*)\)/g)].map((match) => ({
    sopInstanceUID: match[1]!,
    frames: match[2] ? match[2].slice(1).split(',').map(Number) : [],
  }));
}

function ourReferences(file: string) {
  const report = readStructuredReport(parseDicom(new Uint8Array(readFileSync(file)), { file }));
  return flatten(report!.document).flatMap((item) =>
    item.valueType === 'IMAGE' ? [item.reference] : [],
  );
}

/** The shared files that are reports, by their Modality, and that dsrdump reads. */
function sharedReports(): string[] {
  return allDicomFiles()
    .filter((rel) => {
      try {
        return readStructuredReport(load(rel)) !== null;
      } catch {
        return false;
      }
    })
    .map((rel) => path.join(sharedDicomDir, rel));
}

describe('readStructuredReport', () => {
  it('reads every structured report of the shared data as dsrdump does', () => {
    const files = sharedReports();
    expect(files.map((file) => path.basename(file)).sort()).toEqual([
      'no-pixel-data.dcm',
      'report_dfl',
      'reportsi.dcm',
      'reportsi_with_empty_number_tags.dcm',
      'test-SR.dcm',
    ]);
    expect(files.flatMap(differences)).toEqual([]);
  });

  it('names the instance and frames each image item references, as dsrdump does', () => {
    const files = sharedReports();
    expect(files.some((file) => dsrdumpReferences(file).length > 0)).toBe(true);
    for (const file of files) expect(ourReferences(file), file).toEqual(dsrdumpReferences(file));
  });

  it("reads the AI report secondlook sends to a PACS as dsrdump does, the call's numbers included", async () => {
    const dir = path.join(workDir, 'structured-report');
    mkdirSync(dir, { recursive: true });
    const out = path.join(dir, 'ai-report.dcm');
    const chest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
    expect(await main(['classify', chest, '--sr', out, '--json'], capture())).toBe(0);
    expect(differences(out)).toEqual([]);
    const items = flatten(
      readStructuredReport(parseDicom(new Uint8Array(readFileSync(out))))!.document,
    );
    expect(items.some((item) => item.valueType === 'NUM')).toBe(true);
    expect(items[0]!.concept?.meaning).toBe('Imaging Measurement Report');
    // Its image library names the radiograph it read.
    const sop = execFileSync('dcmdump', ['+P', '0008,0018', chest], { encoding: 'utf8' });
    expect(ourReferences(out)).toEqual([
      { sopInstanceUID: /\[([^\]]+)\]/.exec(sop)![1], frames: [] },
    ]);
    expect(ourReferences(out)).toEqual(dsrdumpReferences(out));
  });

  it('is null for an image', () => {
    expect(readStructuredReport(load('pydicom/CT_small.dcm'))).toBeNull();
    const status = spawnSync('dsrdump', [
      '-q',
      path.join(sharedDicomDir, 'pydicom/CT_small.dcm'),
    ]).status;
    expect(status).not.toBe(0);
  });
});
