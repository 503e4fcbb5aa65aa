/**
 * Patient names as a reader sees them: DICOM PN (PS3.5 6.2) components in reading order, on the
 * standard's own examples and on names read from real files (their raw values checked with
 * DCMTK's dcmdump when this test was written: `OB^^^^`, `Last^First^mid^pre`,
 * `Osterman^Phillip^B.`).
 */
import { describe, expect, it } from 'vitest';
import { formatPersonName, readInstanceMetadata } from '../../lib/dicom';
import { load } from './support';

describe('formatPersonName', () => {
  it('puts the components of PS3.5 6.2.1.1 examples in reading order', () => {
    expect(formatPersonName('Adams^John Robert Quincy^^Rev.^B.A. M.Div.')).toBe(
      'Adams, Rev. John Robert Quincy, B.A. M.Div.',
    );
    expect(formatPersonName('Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer')).toBe(
      'Morrison-Jones, Susan, Ph.D., Chief Executive Officer',
    );
    expect(formatPersonName('Doe^John')).toBe('Doe, John');
    expect(formatPersonName('ANONYMOUS')).toBe('ANONYMOUS');
  });

  it('shows the alphabetic group, or the first group that has a name', () => {
    expect(formatPersonName('Yamada^Tarou=山田^太郎=やまだ^たろう')).toBe('Yamada, Tarou');
    expect(formatPersonName('=山田^太郎=やまだ^たろう')).toBe('山田, 太郎');
    expect(formatPersonName('==やまだ^たろう')).toBe('やまだ, たろう');
  });

  it('drops padding and empty components, and gives empty for no name', () => {
    expect(formatPersonName('Doe^ John ^^^ ')).toBe('Doe, John');
    expect(formatPersonName('^Jane')).toBe('Jane');
    expect(formatPersonName('^^^^')).toBe('');
    expect(formatPersonName('')).toBe('');
    expect(formatPersonName(null)).toBe('');
    expect(formatPersonName(undefined)).toBe('');
  });

  it('formats the names of real files as read by the parser', () => {
    const name = (rel: string) => formatPersonName(readInstanceMetadata(load(rel)).patientName);
    expect(name('pydicom/examples_palette.dcm')).toBe('OB');
    expect(name('pydicom/rtplan.dcm')).toBe('Last, pre First mid');
    expect(name('cornerstone3D/no-pixel-data.dcm')).toBe('Osterman, Phillip B.');
  });
});
