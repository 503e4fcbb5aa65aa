// Writes lib/dicom/dictionary.json, the DICOM standard's data dictionary (PS3.6) as the tag
// browser needs it: tag -> [VR, keyword], from dcmjs's copy of the standard (pinned in
// package.json). `--check` exits 1 if the committed file differs from what it would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const target = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../lib/dicom/dictionary.json',
);
const { nameMap } = createRequire(import.meta.url)('dcmjs').data.DicomMetaDictionary;

const entries = Object.values(nameMap)
  .filter((entry) => /^\([0-9A-F]{4},[0-9A-F]{4}\)$/.test(entry.tag))
  .map((entry) => [entry.tag.slice(1, 5) + entry.tag.slice(6, 10), entry.vr, entry.name])
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const lines = entries.map(([tag, vr, name]) => `  "${tag}": ["${vr}", "${name}"]`);
const text = `{\n${lines.join(',\n')}\n}\n`;

if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== text) {
    console.error(
      `${target} differs from dcmjs's dictionary: run node scripts/dicom-dictionary.mjs`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`${entries.length} entries written to ${target}`);
}
