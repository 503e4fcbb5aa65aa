import type { ColourMapName } from '@/lib/imaging';
import type { ColourBarStop } from '@/lib/saliency';

export interface OverlaySettings {
  visible: boolean;
  opacity: number;
  colourMap: ColourMapName;
  labelIndex: number;
}

function rgb([r, g, b]: [number, number, number]): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** Toggle, label, opacity and colour map of the Grad-CAM overlay, and its colour bar. */
export function OverlayControls({
  settings,
  labels,
  colourMaps,
  colourBar,
  onChange,
}: {
  settings: OverlaySettings;
  labels: string[];
  colourMaps: ColourMapName[];
  colourBar: ColourBarStop[] | null;
  onChange: (settings: OverlaySettings) => void;
}) {
  const set = (patch: Partial<OverlaySettings>) => onChange({ ...settings, ...patch });
  // No label has been scored on the image on screen (still running, or out of scope): there is
  // no map to show, and the controls say so instead of offering an empty choice.
  const unavailable = labels.length === 0;
  return (
    <fieldset className="overlay-controls" disabled={unavailable}>
      <legend>Grad-CAM overlay</legend>
      {unavailable ? <p>No Grad-CAM: the model has not scored the image on screen.</p> : null}
      <label className="inline">
        <input
          type="checkbox"
          checked={settings.visible}
          onChange={(event) => set({ visible: event.target.checked })}
        />
        Show Grad-CAM (g)
      </label>
      <label>
        Label
        <select
          value={settings.labelIndex}
          onChange={(event) => set({ labelIndex: Number(event.target.value) })}
        >
          {labels.map((label, index) => (
            <option key={label} value={index}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Opacity
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={settings.opacity}
          onChange={(event) => set({ opacity: Number(event.target.value) })}
        />
      </label>
      <label>
        Colour map
        <select
          value={settings.colourMap}
          onChange={(event) => set({ colourMap: event.target.value as ColourMapName })}
        >
          {colourMaps.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      {colourBar ? (
        <figure className="colour-bar" aria-label="Colour bar">
          <div
            className="colour-bar-ramp"
            style={{
              background: `linear-gradient(to right, ${colourBar
                .map((stop) => `${rgb(stop.rgb)} ${stop.position * 100}%`)
                .join(', ')})`,
            }}
          />
          <figcaption>
            {colourBar.map((stop) => (
              <span key={stop.position}>{stop.value.toPrecision(2)}</span>
            ))}
          </figcaption>
        </figure>
      ) : null}
    </fieldset>
  );
}
