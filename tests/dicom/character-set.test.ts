/**
 * Names, IDs and descriptions are read in the file's Specific Character Set. Files whose
 * patient's name and descriptions DCMTK's dcmodify set byte for byte read as DCMTK reads them
 * (`dcmdump +U8`): single-byte sets, UTF-8, GB18030, and ISO 2022 code extensions (Korean, Chinese,
 * Latin-1 with Greek). DCMTK cannot read JIS X 0208 (ISO 2022 IR 87) with Debian's iconv, so the
 * Japanese examples are checked against the text PS3.5 Annex H gives for their bytes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDicom, readInstanceMetadata } from '../../lib/dicom';
import { textDecoderFor } from '../../lib/dicom/character-set';
import {
  bytesOf,
  dcmtkText,
  fileWithText,
  TEXT_TAGS,
  type TextValues,
} from '../support/charset-files';

const utf8 = (text: string) => new TextEncoder().encode(text);

function values(charset: string, name: string | Uint8Array, study: string, series: string) {
  return {
    charset,
    patientName: typeof name === 'string' ? bytesOf(name) : name,
    studyDescription: bytesOf(study),
    seriesDescription: bytesOf(series),
  };
}

const KOREAN_I_2 =
  'Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf';

const CASES: [string, TextValues][] = [
  ['Latin-1', values('ISO_IR 100', 'M\xfcller^J\xfcrgen', 'Thorax \xdcbersicht', 'Sch\xe4del')],
  [
    'UTF-8',
    {
      charset: 'ISO_IR 192',
      patientName: utf8('Müller^Jürgen=山田^太郎'),
      studyDescription: utf8('Röntgen Thorax'),
      seriesDescription: utf8('胸部 CT'),
    },
  ],
  [
    'Greek',
    values(
      'ISO_IR 126',
      '\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2^\xc3\xe9\xfe\xf1\xe3\xef\xf2',
      '\xc8\xf9\xf1\xe1\xea\xe1\xf2',
      'CT \xc8\xf9\xf1\xe1\xea\xe1\xf2',
    ),
  ],
  [
    'Cyrillic',
    values(
      'ISO_IR 144',
      '\xb8\xd2\xd0\xdd\xde\xd2^\xb8\xd2\xd0\xdd',
      '\xb3\xe0\xe3\xd4\xec',
      'CT \xb3\xe0\xe3\xd4\xec',
    ),
  ],
  [
    'JIS X 0201 katakana',
    values('ISO_IR 13', '\xd4\xcf\xc0\xde^\xc0\xdb\xb3', '\xd7\xaf\xb8\xbd', 'CT'),
  ],
  [
    'GB18030 (PS3.5 J.1)',
    values(
      'GB18030',
      'Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=',
      '\xd0\xd8\xb2\xbf',
      'CT \xd0\xd8',
    ),
  ],
  [
    'Korean under ISO 2022 (PS3.5 I.2)',
    values('\\ISO 2022 IR 149', KOREAN_I_2, '\x1b$)C\xc8\xab\xb1\xe6', 'CT'),
  ],
  [
    'Chinese under ISO 2022 (PS3.5 J.3)',
    values(
      '\\ISO 2022 IR 58',
      'Zhang^XiaoDong=\x1b$)A\xd5\xc5^\x1b$)A\xd0\xa1\xb6\xab=',
      '\x1b$)A\xd5\xc5 CT',
      'CT',
    ),
  ],
  [
    'Latin-1 and Greek under ISO 2022',
    values(
      'ISO 2022 IR 100\\ISO 2022 IR 126',
      'M\xfcller=\x1b-F\xc1\xe8\xe7\xed\xe1',
      'Thorax \x1b-F\xc8\xf9\xf1\xe1\xea\xe1\xf2',
      'Sch\xe4del',
    ),
  ],
];

function metadataOf(file: string) {
  return readInstanceMetadata(parseDicom(new Uint8Array(readFileSync(file)), { file }));
}

describe('names and descriptions in the character set of the file', () => {
  it.each(CASES)('reads %s as DCMTK does', (_, text) => {
    const file = fileWithText(text);
    const meta = metadataOf(file);
    for (const [field, tag] of Object.entries(TEXT_TAGS)) {
      const theirs = dcmtkText(file, tag);
      expect(meta[field as keyof typeof TEXT_TAGS], field).toBe(theirs);
    }
    expect(meta.patientName).toMatch(/[^\x20-\x7e]/);
  });

  it('reads the Japanese examples of PS3.5 H.3.1 and H.3.2 (JIS X 0208 under ISO 2022)', () => {
    const h31 = fileWithText(
      values(
        '\\ISO 2022 IR 87',
        'Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B',
        '\x1b$B;3ED\x1b(B CT',
        'CT',
      ),
    );
    expect(metadataOf(h31)).toMatchObject({
      patientName: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
      studyDescription: '山田 CT',
    });
    const h32 = fileWithText(
      values(
        'ISO 2022 IR 13\\ISO 2022 IR 87',
        '\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J',
        '\xd4\xcf\xc0\xde CT',
        'CT',
      ),
    );
    expect(metadataOf(h32)).toMatchObject({
      patientName: 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
      studyDescription: 'ﾔﾏﾀﾞ CT',
    });
  });

  it('reads names without a character set, or in plain ASCII, as they are', () => {
    const ascii = values('', 'Smith^John', 'CT CHEST', 'AXIAL 5MM');
    expect(metadataOf(fileWithText(ascii))).toMatchObject({
      patientName: 'Smith^John',
      studyDescription: 'CT CHEST',
      seriesDescription: 'AXIAL 5MM',
    });
  });
});

describe('textDecoderFor', () => {
  it('reads UTF-8 where it is named among other sets, as it allows no code extensions', () => {
    expect(textDecoderFor('ISO_IR 100\\ISO_IR 192')(utf8('Müller'))).toBe('Müller');
  });

  it('reads JIS X 0212 (ISO 2022 IR 159) in G0', () => {
    // Row 16, cell 1 of JIS X 0212 is U+4E02.
    expect(textDecoderFor('\\ISO 2022 IR 159')(bytesOf('A\x1b$(D\x30\x21\x1b(B'))).toBe('A丂');
  });

  it('goes back to the first set at a delimiter, as PS3.5 6.1.2.5.3 has writers do', () => {
    // The Greek designation is not undone before `=`: the next group is Latin-1 again.
    const value = bytesOf('\x1b-F\xc1=\xc1');
    expect(textDecoderFor('ISO 2022 IR 100\\ISO 2022 IR 126')(value)).toBe('Α=Á');
  });
});
