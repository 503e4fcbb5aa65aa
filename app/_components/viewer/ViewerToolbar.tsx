import {
  hotkeyFor,
  type ViewerCommand,
  type ViewerConfig,
  type ViewerToolName,
} from '@/app/_config/viewer';
import { projections, type Projection } from './reformat';

function withHotkey(label: string, key: string | undefined): string {
  return key ? `${label} (${key})` : label;
}

/** Tool, preset and command buttons, all generated from the viewer configuration. */
export function ViewerToolbar({
  config,
  activeTool,
  playing,
  reformat,
  projection,
  unavailable,
  onCommand,
}: {
  config: ViewerConfig;
  activeTool: ViewerToolName;
  playing: boolean;
  /** The reformat (MPR) view is on. */
  reformat: boolean;
  /** The projection the reformat view shows across its slab, if any. */
  projection: Projection | null;
  /** Why a command cannot run now, or null when it can. */
  unavailable: (command: ViewerCommand) => string | null;
  onCommand: (command: ViewerCommand) => void;
}) {
  const pressed = (command: ViewerCommand): boolean | undefined => {
    if (command === 'cine') return playing;
    if (command === 'reformat') return reformat;
    if ((projections as readonly ViewerCommand[]).includes(command)) return command === projection;
    return undefined;
  };
  const button = (command: ViewerCommand, title: string) => {
    const why = unavailable(command);
    return { disabled: why !== null, title: why ? `${title}: ${why}` : title };
  };
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer tools">
      <div role="group" aria-label="Mouse tool">
        {config.tools
          .filter((tool) => tool.selectable)
          .map((tool) => (
            <button
              key={tool.name}
              type="button"
              aria-pressed={tool.name === activeTool}
              {...button(
                `tool:${tool.name}`,
                withHotkey(tool.label, hotkeyFor(config, `tool:${tool.name}`)),
              )}
              onClick={() => onCommand(`tool:${tool.name}`)}
            >
              {tool.label}
            </button>
          ))}
      </div>
      <div role="group" aria-label="Window presets">
        {config.presets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            title={`W ${preset.width} L ${preset.center}`}
            onClick={() => onCommand(`preset:${preset.id}`)}
          >
            {withHotkey(preset.label, preset.hotkey)}
          </button>
        ))}
      </div>
      <div role="group" aria-label="View">
        {config.toolbar.map((entry) => (
          <button
            key={entry.command}
            type="button"
            aria-pressed={pressed(entry.command)}
            {...button(entry.command, withHotkey(entry.label, hotkeyFor(config, entry.command)))}
            onClick={() => onCommand(entry.command)}
          >
            {entry.label}
          </button>
        ))}
      </div>
    </div>
  );
}
