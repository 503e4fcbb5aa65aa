/**
 * The reformat view's commands: which run only there, which the stack viewport runs, and how
 * the projections' slab steps.
 */
import { describe, expect, it } from 'vitest';
import { viewerConfig, type ViewerCommand } from '../../app/_config/viewer';
import {
  projections,
  reformatOnly,
  reformatRuns,
  SLAB_STEPS_MM,
  steppedSlab,
} from '../../app/_components/viewer/reformat';
import { isStackCommand } from '../../app/_components/viewer/types';

describe('reformat commands', () => {
  it('steps the slab through the steps, stopping at either end', () => {
    expect(steppedSlab(10, 1)).toBe(15);
    expect(steppedSlab(10, -1)).toBe(5);
    expect(steppedSlab(50, 1)).toBe(50);
    expect(steppedSlab(3, -1)).toBe(3);
    // A thickness between steps goes to the nearest step that way.
    expect(steppedSlab(12, 1)).toBe(15);
    expect(steppedSlab(12, -1)).toBe(10);
    let mm: number = SLAB_STEPS_MM[0];
    const walked: number[] = [mm];
    for (let k = 0; k < SLAB_STEPS_MM.length + 2; k++) walked.push((mm = steppedSlab(mm, 1)));
    expect([...new Set(walked)]).toEqual([...SLAB_STEPS_MM]);
  });

  it('runs the projections and slab keys in MPR only, never on the stack', () => {
    const mprOnly: ViewerCommand[] = [...projections, 'thickerSlab', 'thinnerSlab'];
    for (const command of mprOnly) {
      expect(reformatOnly(command), command).toBe(true);
      expect(reformatRuns(command), command).toBe(true);
      expect(isStackCommand(command), command).toBe(false);
    }
    expect(reformatOnly('tool:Crosshairs')).toBe(true);
    expect(reformatOnly('invert')).toBe(false);
    expect(isStackCommand('flipHorizontal')).toBe(true);
    expect(reformatRuns('flipHorizontal')).toBe(false);
    expect(isStackCommand('reformat')).toBe(false);
  });

  it('gives every projection and slab command a key and a toolbar button', () => {
    const bound = Object.entries(viewerConfig.hotkeys);
    const keyOf = (command: ViewerCommand) => bound.find(([, c]) => c === command)?.[0];
    expect(
      [...projections, 'thinnerSlab', 'thickerSlab'].map((c) => keyOf(c as ViewerCommand)),
    ).toEqual(['b', 'j', 'k', '[', ']']);
    const buttons = viewerConfig.toolbar.map((entry) => entry.command);
    expect(buttons).toEqual(expect.arrayContaining([...projections, 'thinnerSlab', 'thickerSlab']));
  });
});
