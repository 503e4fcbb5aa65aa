/**
 * Specific Character Set (0008,0005, PS3.3 C.12.1.1.2) to a text decoder. Single-byte sets, UTF-8,
 * GB18030 and GBK decode exactly. Of the ISO 2022 code extensions, Japanese (IR 87 with its
 * escapes) decodes as ISO-2022-JP, and Korean (IR 149) and Chinese (IR 58) as EUC once their
 * designation escapes are taken out; a term this does not know reads as Latin-1.
 */

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
  ISO_IR_87: 'iso-2022-jp',
  ISO_IR_159: 'iso-2022-jp',
  ISO_IR_149: 'euc-kr',
  ISO_IR_58: 'gbk',
};

/** The bytes without designation escapes: ESC $ ) C or A (G1 sets) and ESC ( B (back to ASCII). */
function withoutDesignations(bytes: Uint8Array): Uint8Array {
  const kept: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const escape = bytes[i] === 0x1b;
    if (escape && bytes[i + 1] === 0x24 && bytes[i + 2] === 0x29) i += 3;
    else if (escape && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x42) i += 2;
    else kept.push(bytes[i]!);
  }
  return Uint8Array.from(kept);
}

/** `ISO 2022 IR 100` and `ISO_IR 100` name the same set; the default repertoire is no term. */
function termKey(term: string): string {
  return term
    .trim()
    .replace(/^ISO 2022 /, 'ISO_')
    .replace(/ /g, '_');
}

export function textDecoderFor(specificCharacterSet: string): TextReader {
  const terms = specificCharacterSet.split('\\').map(termKey);
  const label = terms.map((term) => LABELS[term]).find((found) => found !== undefined) ?? 'latin1';
  const decoder = new TextDecoder(label);
  if (label !== 'euc-kr' && label !== 'gbk') return (bytes) => decoder.decode(bytes);
  return (bytes) => decoder.decode(bytes.includes(0x1b) ? withoutDesignations(bytes) : bytes);
}
