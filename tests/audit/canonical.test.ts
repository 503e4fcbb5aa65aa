import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHashOf, sha256Hex, type CanonicalValue } from '../../lib/audit';

/** Python's json module, sorted keys and no spaces: an independent canonical form. */
function pythonCanonical(value: CanonicalValue): string {
  return execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True, separators=(",",":"), ensure_ascii=False), end="")',
    ],
    { input: JSON.stringify(value), encoding: 'utf8' },
  );
}

describe('canonical JSON', () => {
  const samples: CanonicalValue[] = [
    { b: 1, a: [true, null, 'x'], c: { z: 'é', y: -0.5, x: 1e21 } },
    {
      action: 'review.sign',
      details: { decisions: [{ finding: 'pneumonia', decision: 'agree' }] },
    },
    ['nested', { k: { j: { i: 'deep "quoted" \\ text\n' } } }],
  ];

  it.each(samples)('matches Python json.dumps(sort_keys=True) for %j', (value) => {
    expect(canonicalJson(value)).toBe(pythonCanonical(value));
  });

  it('drops undefined members and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });

  it('hashes like sha256sum, and links as sha256(prev + content)', () => {
    const reference = (text: string) =>
      execFileSync('sha256sum', { input: text, encoding: 'utf8' }).split(' ')[0];
    expect(sha256Hex('secondlook ✓')).toBe(reference('secondlook ✓'));
    const prev = sha256Hex('a');
    const content = sha256Hex('b');
    expect(chainHashOf(prev, content)).toBe(reference(prev + content));
  });
});
