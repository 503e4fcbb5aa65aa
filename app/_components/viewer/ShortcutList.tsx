import { commandLabels, type ViewerCommand, type ViewerConfig } from '@/app/_config/viewer';

/** A command in words, from the configuration: its tool, preset or button label. */
function labelOf(config: ViewerConfig, command: ViewerCommand): string {
  if (command.startsWith('tool:')) {
    const name = command.slice('tool:'.length);
    return config.tools.find((tool) => tool.name === name)?.label ?? name;
  }
  if (command.startsWith('preset:')) {
    const preset = config.presets.find((p) => `preset:${p.id}` === command);
    return preset ? `${preset.label} window (W ${preset.width} L ${preset.center})` : command;
  }
  return (
    config.toolbar.find((button) => button.command === command)?.label ??
    commandLabels[command] ??
    command
  );
}

/** Every keyboard shortcut of the viewer, as the configuration binds them (`?` shows this). */
export function ShortcutList({ config, onClose }: { config: ViewerConfig; onClose: () => void }) {
  return (
    <section className="shortcut-list" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {Object.entries(config.hotkeys).map(([key, command]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{labelOf(config, command)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
