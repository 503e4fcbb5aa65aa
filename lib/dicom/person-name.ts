/**
 * DICOM Person Name (PN, PS3.5 6.2) as a reader sees it. A PN value is up to three component
 * groups separated by `=` (alphabetic, ideographic, phonetic), each of up to five components
 * separated by `^`: family name, given name, middle name, prefix, suffix. `Adams^John
 * Robert Quincy^^Rev.^B.A. M.Div.` reads "Adams, Rev. John Robert Quincy, B.A. M.Div.".
 */

/** One component group in reading order: "Family, Prefix Given Middle, Suffix". */
function formatGroup(group: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = group
    .split('^')
    .map((component) => component.trim());
  const forenames = [prefix, given, middle].filter(Boolean).join(' ');
  return [family, forenames, suffix].filter(Boolean).join(', ');
}

/**
 * The name for display: the first component group that has any content (the alphabetic one
 * when present), its components in reading order; '' for an empty or absent value.
 */
export function formatPersonName(value: string | null | undefined): string {
  for (const group of (value ?? '').split('=')) {
    const formatted = formatGroup(group);
    if (formatted) return formatted;
  }
  return '';
}
