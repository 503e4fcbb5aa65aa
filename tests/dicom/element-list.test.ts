/**
 * The tag browser's rows (lib/dicom/element-list.ts) against DCMTK's dcmdump, an independent
 * parser with its own data dictionary, on every file of the shared data that both read: the same
 * elements in the same order and nesting, with the same VR, keyword, length and value. Where the
 * two differ by design it is said below. Character sets: character-set.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { listElements, type ElementRow } from '../../lib/dicom/element-list';
import { dcmdumpRows, type DcmdumpRow } from '../support/dcmdump';
import { allDicomFiles, load, sharedDicomDir } from './support';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../support/paths';

const NUMBERS = new Set(['US', 'SS', 'UL', 'SL', 'SV', 'UV', 'OL', 'OV']);
const SINGLES = new Set(['FL', 'OF']);
const HEX = new Set(['OB', 'OW', 'UN']);

const isPrivate = (tag: string) => parseInt(tag.slice(1, 5), 16) % 2 === 1;
/** DCMTK and dcmjs disagree on which elements are retired; the name is the same. */
const bareKeyword = (keyword: string) =>
  keyword.replace(/^RETIRED_/, '').replace(/^GenericGroupLength$/, 'GroupLength');

/** Ours shows `…` after the first 64 values; the values shown are the first of DCMTK's. */
function sameValues(ours: string, theirs: string, equal: (a: string, b: string) => boolean) {
  const cut = ours.endsWith('…');
  const a = (cut ? ours.slice(0, -2) : ours).split('\\');
  const b = theirs.split('\\');
  if (!cut && a.length !== b.length) return false;
  return a.every((value, k) => b[k] !== undefined && equal(value, b[k]));
}

/** How our value and DCMTK's differ, or null when they say the same. */
function valueDifference(ours: ElementRow, theirs: DcmdumpRow, implicit: boolean): string | null {
  if (!theirs.loaded || ours.vr === 'na' || (implicit && isPrivate(ours.tag))) return null;
  const differs = (same: boolean) =>
    same ? null : `value ${JSON.stringify(ours.value)} vs ${JSON.stringify(theirs.value)}`;
  if (ours.vr === 'SQ') return differs(theirs.value.endsWith(`#=${ours.value.split(' ')[0]})`));
  if (ours.value.startsWith('encapsulated: ')) {
    const fragments = Number(ours.value.split(' ')[1]);
    return differs(theirs.value === `(PixelSequence #=${fragments + 1})`);
  }
  if (ours.vr === 'FD' || ours.vr === 'OD') {
    // DCMTK prints 17 digits, not always rounded right in the last; ours the shortest exact.
    const same = (a: string, b: string) =>
      Math.abs(Number(a) - Number(b)) <= 1e-15 * Math.abs(Number(b));
    return differs(sameValues(ours.value, theirs.value, same));
  }
  if (NUMBERS.has(ours.vr))
    return differs(sameValues(ours.value, theirs.value, (a, b) => Number(a) === Number(b)));
  if (SINGLES.has(ours.vr)) {
    const same = (a: string, b: string) => Math.fround(Number(a)) === Math.fround(Number(b));
    return differs(sameValues(ours.value, theirs.value, same));
  }
  if (HEX.has(ours.vr)) return differs(sameValues(ours.value, theirs.value, (a, b) => a === b));
  if (ours.vr === 'AT') return differs(ours.value.toLowerCase() === theirs.value.toLowerCase());
  // dcmdump prints text as stored; ours drops the padding (and DCMTK the spaces inside a UID).
  const stored = theirs.value.replace(/\0+$/, '');
  const text = ['LT', 'ST', 'UT'].includes(ours.vr) ? stored.trimEnd() : stored.trim();
  if (ours.vr === 'UI') return differs(ours.value.replace(/\s/g, '') === text);
  if (ours.value.endsWith('…')) return differs(text.startsWith(ours.value.slice(0, -1)));
  return differs(ours.value === text);
}

/**
 * A private sequence of defined length in an implicit VR file is bytes to dcmdump (`??`, its
 * items' tags in them) and a sequence to us: its items are left out of ours to compare.
 */
function withoutItemsDcmdumpLeavesAsBytes(ours: ElementRow[], theirs: DcmdumpRow[]): ElementRow[] {
  const kept: ElementRow[] = [];
  let skipBelow: number | null = null;
  for (const row of ours) {
    if (skipBelow !== null && row.depth > skipBelow) continue;
    skipBelow = null;
    const other = theirs[kept.length];
    kept.push(row);
    if (row.vr === 'SQ' && other?.vr === 'UN' && other.value.startsWith('fe\\ff\\00\\e0')) {
      skipBelow = row.depth;
    }
  }
  return kept;
}

function differences(rel: string): string[] {
  const file = load(rel);
  const implicit = !file.encoding.explicitVR;
  const theirs = dcmdumpRows(path.join(sharedDicomDir, rel)).filter((row) => row.vr !== 'pi');
  const ours = withoutItemsDcmdumpLeavesAsBytes(listElements(file).rows, theirs);
  const found: string[] = [];
  if (ours.length !== theirs.length) found.push(`${rel}: ${ours.length} rows vs ${theirs.length}`);
  for (const [k, row] of ours.entries()) {
    const other = theirs[k];
    if (!other) break;
    const at = `${rel} row ${k} ${row.tag}`;
    if (row.tag !== other.tag || row.depth !== other.depth) {
      found.push(`${at}@${row.depth} vs ${other.tag}@${other.depth}`);
      break;
    }
    const vrOk =
      row.vr === other.vr ||
      (implicit && isPrivate(row.tag)) ||
      (other.vr === 'xs' && ['US', 'SS'].includes(row.vr)) ||
      (other.vr === 'up' && row.vr === 'UL');
    if (!vrOk) found.push(`${at}: VR ${row.vr} vs ${other.vr}`);
    const known = other.keyword !== 'Unknown Tag & Data' || row.keyword === '';
    if (!isPrivate(row.tag) && (!known || bareKeyword(row.keyword) !== bareKeyword(other.keyword)))
      found.push(`${at}: keyword ${row.keyword} vs ${other.keyword}`);
    // DCMTK reads an odd length (invalid) as the even one after it.
    const padded = row.length !== null && row.length % 2 === 1 && other.length === row.length + 1;
    if (row.length !== other.length && !padded)
      found.push(`${at}: length ${row.length} vs ${other.length}`);
    const value = valueDifference(row, other, implicit);
    if (value) found.push(`${at}: ${value}`);
  }
  return found;
}

/** The files both read: ours parses it and dcmdump exits 0 (the broken ones are tested elsewhere). */
function readByBoth(rel: string): boolean {
  try {
    load(rel);
    dcmdumpRows(path.join(sharedDicomDir, rel));
    return true;
  } catch {
    return false;
  }
}

describe('listElements', () => {
  it('lists every element of every shared file as dcmdump does', () => {
    const files = allDicomFiles().filter(readByBoth);
    expect(files.length).toBeGreaterThan(200);
    expect(files.flatMap(differences)).toEqual([]);
  }, 120_000);

  it('keeps the dictionary that scripts/dicom-dictionary.mjs writes from dcmjs', () => {
    const script = path.join(repoRoot, 'scripts', 'dicom-dictionary.mjs');
    const check = spawnSync('node', [script, '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('names the private elements by the creator that reserved their block', () => {
    const rows = listElements(load('pydicom/CT_small.dcm')).rows;
    const row = (tag: string) => rows.find((one) => one.tag === tag)!;
    expect(row('(0009,0010)')).toMatchObject({ keyword: 'PrivateCreator', value: 'GEMS_IDEN_01' });
    expect(row('(0009,1001)')).toMatchObject({
      keyword: 'PrivateTag',
      creator: 'GEMS_IDEN_01',
      value: 'GE_GENESIS_FF',
    });
    expect(row('(0043,104E)')).toMatchObject({ creator: 'GEMS_PARM_01', vr: 'FL' });
  });

  it('reads the items of a private sequence dicom-parser drops, where dcmdump shows bytes', () => {
    const rel = 'pydicom/priv_SQ.dcm';
    const rows = listElements(load(rel)).rows;
    const bytes = dcmdumpRows(path.join(sharedDicomDir, rel)).find(
      (row) => row.tag === '(3F03,1001)',
    )!;
    // The bytes start with the item tag, the item's length (9E 00 00 00) and (0008,0090).
    expect(bytes.value.startsWith('fe\\ff\\00\\e0\\9e\\00\\00\\00\\08\\00\\90\\00')).toBe(true);
    const at = rows.findIndex((row) => row.tag === '(3F03,1001)');
    expect(rows[at]).toMatchObject({ vr: 'SQ', value: '1 items', length: 166 });
    expect(rows[at + 1]).toMatchObject({ tag: '(FFFE,E000)', length: 0x9e, depth: 1 });
    expect(rows[at + 2]).toMatchObject({
      tag: '(0008,0090)',
      keyword: 'ReferringPhysicianName',
      depth: 2,
      value: '111111111111111',
    });
  });

  it('stops at the row limit and says so', () => {
    const file = load('pydicom/CT_small.dcm');
    const all = listElements(file);
    expect(all.truncated).toBe(false);
    const cut = listElements(file, 50);
    expect(cut.truncated).toBe(true);
    expect(cut.rows).toEqual(all.rows.slice(0, 50));
  });
});
