/**
 * Specific Character Set (0008,0005, PS3.3 C.12.1.1.2) to a text reader. A single value that is
 * not `ISO 2022 ...` names one set, read whole: the single-byte sets, UTF-8, GB18030 and GBK. Several
 * values, or an `ISO 2022 IR n` one, read under code extensions (code-extensions.ts): Japanese
 * (IR 13, 87, 159), Korean (IR 149), Chinese (IR 58) and the single-byte sets in G1. No value, or
 * one this does not know, reads as Latin-1, a superset of the default repertoire.
 */
import { codeExtensionReader } from './code-extensions';

/** Bytes of one text value to a string. */
export type TextReader = (bytes: Uint8Array) => string;

const LABELS: Record<string, string> = {
  ISO_IR_100: 'iso-8859-1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'iso-8859-9',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_166: 'windows-874',
  ISO_IR_13: 'shift_jis',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

const UNEXTENDED = new Set(['ISO_IR_192', 'GB18030', 'GBK']);

function reader(label: string): TextReader {
  const decoder = new TextDecoder(label);
  return (bytes) => decoder.decode(bytes);
}

/** `ISO 2022 IR 100` and `ISO_IR 100` name the same set; the default repertoire is no term. */
function termKey(term: string): string {
  return term
    .trim()
    .replace(/^ISO 2022 /, 'ISO_')
    .replace(/ /g, '_');
}

export function textDecoderFor(specificCharacterSet: string): TextReader {
  const values = specificCharacterSet.split('\\');
  const terms = values.map(termKey);
  // UTF-8, GB18030 and GBK allow no code extensions: named among others, they are the set.
  const whole = terms.find((term) => UNEXTENDED.has(term));
  if (whole) return reader(LABELS[whole]!);
  if (values.length > 1 || values[0]!.trim().startsWith('ISO 2022')) {
    return codeExtensionReader(terms);
  }
  return reader(LABELS[terms[0]!] ?? 'latin1');
}
