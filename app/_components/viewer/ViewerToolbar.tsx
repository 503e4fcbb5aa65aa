import type { ViewerCommand, ViewerConfig, ViewerToolName } from '@/app/_config/viewer';

function hotkeyFor(config: ViewerConfig, command: ViewerCommand): string | undefined {
  return Object.entries(config.hotkeys).find(([, bound]) => bound === command)?.[0];
}

function withHotkey(label: string, key: string | undefined): string {
  return key ? `${label} (${key})` : label;
}

/** Tool, preset and command buttons, all generated from the viewer configuration. */
export function ViewerToolbar({
  config,
  activeTool,
  playing,
  onCommand,
}: {
  config: ViewerConfig;
  activeTool: ViewerToolName;
  playing: boolean;
  onCommand: (command: ViewerCommand) => void;
}) {
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
              title={withHotkey(tool.label, hotkeyFor(config, `tool:${tool.name}`))}
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
        {config.toolbar.map((button) => (
          <button
            key={button.command}
            type="button"
            aria-pressed={button.command === 'cine' ? playing : undefined}
            title={withHotkey(button.label, hotkeyFor(config, button.command))}
            onClick={() => onCommand(button.command)}
          >
            {button.label}
          </button>
        ))}
      </div>
    </div>
  );
}
