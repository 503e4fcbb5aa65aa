/**
 * Text under ISO 2022 code extensions (PS3.5 6.1.2.5): a Specific Character Set of several
 * values, or of one `ISO 2022 IR n` value. Escape sequences designate a set to G0 (bytes 21-7E)
 * or G1 (bytes A1-FE), and each run of bytes is read in the set designated when it comes. The
 * value's first term sets the initial state, which comes back at each delimiter (`\`, `^`, `=`,
 * CR, LF, FF, TAB) met in a single-byte set, as PS3.5 6.1.2.5.3 has writers do.
 */

/** A coded character set: its width in bytes and how it reads a run of its bytes. */
interface CodeSet {
  width: 1 | 2;
  read: (bytes: Uint8Array) => string;
}

function decoded(label: string): (bytes: Uint8Array) => string {
  const decoder = new TextDecoder(label);
  return (bytes) => decoder.decode(bytes);
}

const ascii: CodeSet = { width: 1, read: (bytes) => String.fromCharCode(...bytes) };
const eucJp = decoded('euc-jp');
/** JIS X 0208 and 0212 in G0 read as EUC-JP reads them: each byte with its high bit set. */
const jisX0208: CodeSet = { width: 2, read: (bytes) => eucJp(bytes.map((b) => b | 0x80)) };
const jisX0212: CodeSet = {
  width: 2,
  read: (bytes) =>
    eucJp(Uint8Array.from([...bytes].flatMap((b, k) => (k % 2 ? [b | 0x80] : [0x8f, b | 0x80])))),
};
/** JIS X 0201 katakana in G1: A1-DF are the half-width katakana U+FF61-U+FF9F. */
const katakana: CodeSet = {
  width: 1,
  read: (bytes) => String.fromCharCode(...[...bytes].map((b) => 0xff61 + b - 0xa1)),
};
const single = (label: string): CodeSet => ({ width: 1, read: decoded(label) });
const double = (label: string): CodeSet => ({ width: 2, read: decoded(label) });

/** The escape sequences after ESC, and the set each designates to G0 or G1. */
const ESCAPES: [string, 'g0' | 'g1', CodeSet][] = [
  ['(B', 'g0', ascii],
  ['(J', 'g0', ascii],
  ['$B', 'g0', jisX0208],
  ['$(D', 'g0', jisX0212],
  [')I', 'g1', katakana],
  ['$)C', 'g1', double('euc-kr')],
  ['$)A', 'g1', double('gbk')],
  ['-A', 'g1', single('iso-8859-1')],
  ['-B', 'g1', single('iso-8859-2')],
  ['-C', 'g1', single('iso-8859-3')],
  ['-D', 'g1', single('iso-8859-4')],
  ['-F', 'g1', single('iso-8859-7')],
  ['-G', 'g1', single('iso-8859-6')],
  ['-H', 'g1', single('iso-8859-8')],
  ['-L', 'g1', single('iso-8859-5')],
  ['-M', 'g1', single('iso-8859-9')],
  ['-b', 'g1', single('iso-8859-15')],
  ['-T', 'g1', single('windows-874')],
];

/** The escape sequence that designates each term's set (`ISO_IR_13` is katakana and JIS Roman). */
const TERM_ESCAPES: Record<string, string[]> = {
  ISO_IR_13: [')I', '(J'],
  ISO_IR_100: ['-A'],
  ISO_IR_101: ['-B'],
  ISO_IR_109: ['-C'],
  ISO_IR_110: ['-D'],
  ISO_IR_126: ['-F'],
  ISO_IR_127: ['-G'],
  ISO_IR_138: ['-H'],
  ISO_IR_144: ['-L'],
  ISO_IR_148: ['-M'],
  ISO_IR_203: ['-b'],
  ISO_IR_166: ['-T'],
};

const DELIMITERS = new Set([0x5c, 0x5e, 0x3d, 0x0d, 0x0a, 0x0c, 0x09]);

/** A byte of a two-byte set: 21-7E in G0, A1-FE in G1. */
function inRun(byte: number, high: boolean): boolean {
  return high ? byte >= 0xa1 && byte <= 0xfe : byte >= 0x21 && byte <= 0x7e;
}

interface State {
  g0: CodeSet;
  g1: CodeSet | null;
}

function designate(state: State, escape: string): boolean {
  const found = ESCAPES.find(([sequence]) => sequence === escape);
  if (!found) return false;
  if (found[1] === 'g0') state.g0 = found[2];
  else state.g1 = found[2];
  return true;
}

/** The reader for a character set under code extensions, from its terms (`ISO_IR_13`...). */
export function codeExtensionReader(terms: string[]): (bytes: Uint8Array) => string {
  const initial: State = { g0: ascii, g1: null };
  for (const escape of TERM_ESCAPES[terms[0] ?? ''] ?? []) designate(initial, escape);
  return (bytes) => {
    const state = { ...initial };
    let text = '';
    let i = 0;
    while (i < bytes.length) {
      if (bytes[i] === 0x1b) {
        const escape = [2, 3]
          .map((length) => String.fromCharCode(...bytes.subarray(i + 1, i + 1 + length)))
          .find((sequence) => designate(state, sequence));
        i += escape ? escape.length + 1 : 1;
        continue;
      }
      const byte = bytes[i]!;
      const high = byte >= 0x80;
      const set = high ? state.g1 : state.g0;
      if (set?.width === 2 && inRun(byte, high)) {
        let end = i;
        while (end + 1 < bytes.length && inRun(bytes[end]!, high) && inRun(bytes[end + 1]!, high)) {
          end += 2;
        }
        text += end === i ? '\ufffd' : set.read(bytes.subarray(i, end));
        i = Math.max(end, i + 1);
        continue;
      }
      if (!high && DELIMITERS.has(byte)) Object.assign(state, initial);
      text += set?.width === 1 ? set.read(bytes.subarray(i, i + 1)) : String.fromCharCode(byte);
      i += 1;
    }
    return text;
  };
}
