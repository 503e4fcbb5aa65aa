/**
 * The viewer configurations: every key names something the viewer has, and the comparison
 * viewer beside a reading keeps every looking key of the reading's viewer and no measuring tool
 * or command of the reading.
 */
import { describe, expect, it } from 'vitest';
import {
  comparisonViewerConfig,
  viewerConfig,
  type ViewerCommand,
  type ViewerConfig,
} from '../../app/_config/viewer';

function unknownCommands(config: ViewerConfig): ViewerCommand[] {
  const tools = new Set<string>(config.tools.map((tool) => tool.name));
  const presets = new Set<string>(config.presets.map((preset) => preset.id));
  return Object.values(config.hotkeys).filter(
    (command) =>
      (command.startsWith('tool:') && !tools.has(command.slice(5))) ||
      (command.startsWith('preset:') && !presets.has(command.slice(7))),
  );
}

describe('viewer configuration', () => {
  it('binds keys only to tools and presets the viewer has', () => {
    expect(unknownCommands(viewerConfig)).toEqual([]);
    expect(unknownCommands(comparisonViewerConfig)).toEqual([]);
  });

  it('gives the comparison viewer the looking keys and tools, and nothing to measure', () => {
    const measuring = ['Length', 'Angle', 'Probe', 'EllipticalROI', 'Bidirectional'];
    expect(comparisonViewerConfig.tools.map((tool) => tool.name)).toEqual([
      'WindowLevel',
      'Pan',
      'Zoom',
      'StackScroll',
      'Crosshairs',
    ]);
    const kept = Object.entries(viewerConfig.hotkeys).filter(
      ([, command]) =>
        !measuring.some((tool) => command === `tool:${tool}`) &&
        !['toggleOverlay', 'nextStudy', 'comparePrior', 'sideBySide', 'removeMeasurement'].includes(
          command,
        ),
    );
    expect(Object.entries(comparisonViewerConfig.hotkeys)).toEqual(kept);
    expect(kept.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        'ArrowDown',
        'End',
        'i',
        'w',
        'r',
        'p',
        'z',
        'v',
        'm',
        'x',
        '?',
        '1',
      ]),
    );
    expect(comparisonViewerConfig.toolbar).toEqual(viewerConfig.toolbar);
    expect(comparisonViewerConfig.presets).toEqual(viewerConfig.presets);
  });
});
