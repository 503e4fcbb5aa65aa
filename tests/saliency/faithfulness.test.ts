/**
 * `secondlook faithfulness` on the shipped model and the val split: it explains the images the
 * model flags (as many as PyTorch's reference counts flagged at each operating point in
 * eval-reference.json), and Grad-CAM wins the deletion game against a random order of the same
 * pixels on most of them; a map that did not follow what the model uses would not. Bad options
 * are USAGE errors.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import type { FaithfulnessReport } from '../../lib/saliency';
import { capture } from '../support/cli';
import { readModelJson } from '../inference/support';

interface Reference {
  val: { operatingPoints: Record<string, { tp: number; fp: number }> };
}

const reference = readModelJson<Reference>('eval-reference.json');

async function faithfulness(...args: string[]) {
  const io = capture();
  const status = await main(['faithfulness', ...args, '--json'], io);
  return {
    status,
    report: JSON.parse(io.text()) as FaithfulnessReport & { error?: { code: string } },
  };
}

describe('secondlook faithfulness', () => {
  it("explains the flagged val images, and Grad-CAM's deletion beats random on most", async () => {
    const { status, report } = await faithfulness('--limit', '24');
    expect(status).toBe(0);
    const balanced = reference.val.operatingPoints.balanced!;
    expect(report).toMatchObject({
      split: 'val',
      label: 'pneumonia',
      operatingPoint: 'balanced',
      images: 524,
      flagged: balanced.tp + balanced.fp,
      explained: 24,
    });
    expect(report.fractions).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const [gradCam, eigenCam] = report.methods;
    expect([gradCam!.method, eigenCam!.method]).toEqual(['grad-cam', 'eigen-cam']);
    // Nothing deleted: every order starts from the same probabilities; all deleted: the same image.
    for (const method of report.methods) {
      expect(method.curve[0]).toBe(report.random.curve[0]);
      expect(method.curve.at(-1)).toBe(report.random.curve.at(-1));
    }
    expect(report.random.curve[0]).toBeGreaterThanOrEqual(0.6338587024653007);
    expect(gradCam!.deletionArea).toBeLessThan(report.random.deletionArea);
    expect(gradCam!.beatsRandom).toBeGreaterThan(0.6);
  }, 120_000);

  it('takes the operating point by name', async () => {
    const { report } = await faithfulness('--limit', '2', '--point', 'high-sensitivity');
    const point = reference.val.operatingPoints['high-sensitivity']!;
    expect(report).toMatchObject({
      operatingPoint: 'high-sensitivity',
      flagged: point.tp + point.fp,
      explained: 2,
    });
  }, 120_000);

  it('refuses a limit or an operating point it cannot use', async () => {
    for (const args of [
      ['--limit', '0'],
      ['--point', 'nope'],
    ]) {
      const { status, report } = await faithfulness(...args);
      expect(status).toBe(2);
      expect(report.error?.code).toBe('USAGE');
    }
  });
});
