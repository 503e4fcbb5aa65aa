/**
 * The DICOM data dictionary (PS3.6): a tag's VR and keyword, for the tag browser. The entries are
 * in dictionary.json, written by scripts/dicom-dictionary.mjs from dcmjs's copy of the standard;
 * retired elements are kept, their keywords marked `RETIRED_` as DCMTK marks them.
 */
import entries from './dictionary.json';

const dictionary: Record<string, string[]> = entries;

export interface DictionaryEntry {
  /** The VR, or the standard's choice of VRs: `ox` (OB or OW), `xs` (US or SS), `lt`, `up`, `na`. */
  vr: string;
  keyword: string;
}

/**
 * The overlay (60xx) and curve (50xx) groups repeat in even groups up to xx = 1E; the dictionary
 * has them under group 6000 and 5000.
 */
function repeatingBase(group: number): number | null {
  for (const base of [0x5000, 0x6000]) {
    if (group >= base && group <= base + 0x1e && group % 2 === 0) return base;
  }
  return null;
}

/** The entry of a standard element, by tag as dicom-parser writes it (`x00100010`); null if none. */
export function dictionaryEntry(tag: string): DictionaryEntry | null {
  const hex = tag.slice(1).toUpperCase();
  const group = parseInt(hex.slice(0, 4), 16);
  const base = repeatingBase(group);
  const key = base === null ? hex : base.toString(16).toUpperCase() + hex.slice(4);
  const found = dictionary[key];
  if (!found) return null;
  const [vr = '', keyword = ''] = found;
  return { vr, keyword };
}
