/**
 * The reformat view's commands: which run only there, which the stack viewport runs, and how
 * the projections' slab steps; and the order its volume takes the stack's images in.
 */
import { describe, expect, it } from 'vitest';
import { viewerConfig, type ViewerCommand } from '../../app/_config/viewer';
import {
  projections,
  reformatOnly,
  reformatRuns,
  SLAB_STEPS_MM,
  steppedSlab,
  volumeImageIds,
} from '../../app/_components/viewer/reformat';
import { viewerImageOf } from '../../app/_components/study/to-viewer-study';
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

type Vec3 = [number, number, number];

describe('the volume of a stack', () => {
  const images = [7, 8, 9].map((id) => viewerImageOf(id, 1, id));
  const ids = images.map((image) => image.imageId);

  it('takes the images along the normal, from the volume origin, however the stack shows them', () => {
    // An axial stack read from the head down: the normal points up, so the volume runs back.
    const headDown = { images, placement: { normal: [0, 0, 1] as Vec3, locations: [10, 5, 0] } };
    expect(volumeImageIds(headDown)).toEqual([ids[2], ids[1], ids[0]]);
    const alongNormal = {
      images,
      placement: { normal: [0, 1, 0] as Vec3, locations: [-4, 0, 4] },
    };
    expect(volumeImageIds(alongNormal)).toEqual(ids);
  });

  it('keeps the stack order when the images are not placed', () => {
    expect(volumeImageIds({ images, placement: null })).toEqual(ids);
  });
});
