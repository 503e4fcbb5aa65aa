/**
 * CT window presets as data, shared by the CLI (`render --preset`) and the viewer (hotkeys).
 * Centre/width in Hounsfield units.
 */
export interface WindowPreset {
  id: 'soft-tissue' | 'lung' | 'liver' | 'bone' | 'brain';
  label: string;
  hotkey: string;
  center: number;
  width: number;
}

export const ctWindowPresets: readonly WindowPreset[] = [
  { id: 'soft-tissue', label: 'Soft tissue', hotkey: '1', center: 40, width: 400 },
  { id: 'lung', label: 'Lung', hotkey: '2', center: -600, width: 1500 },
  { id: 'liver', label: 'Liver', hotkey: '3', center: 90, width: 150 },
  { id: 'bone', label: 'Bone', hotkey: '4', center: 480, width: 2500 },
  { id: 'brain', label: 'Brain', hotkey: '5', center: 40, width: 80 },
];

/** A preset by id ("lung") or hotkey ("2"); undefined when there is none. */
export function findPreset(name: string): WindowPreset | undefined {
  const key = name.trim().toLowerCase();
  return ctWindowPresets.find((preset) => preset.id === key || preset.hotkey === key);
}
