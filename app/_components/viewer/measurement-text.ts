import type { MeasurementTool, MeasurementValue } from '@/lib/review';

const toolLabels: Record<MeasurementTool, string> = {
  Length: 'Length',
  Angle: 'Angle',
  Probe: 'Probe',
  EllipticalROI: 'Ellipse',
  Bidirectional: 'Bidirectional',
};

/** The value a tool is named by (shown bare); the others are shown with their names. */
const primary: Record<MeasurementTool, string> = {
  Length: 'length',
  Angle: 'angle',
  Probe: 'value',
  EllipticalROI: 'area',
  Bidirectional: 'length',
};

const valueNames: Record<string, string> = { stdDev: 'SD' };

function valueText(tool: MeasurementTool, { name, value, unit }: MeasurementValue): string {
  const label = name === primary[tool] ? '' : `${valueNames[name] ?? name} `;
  const suffix = unit === '°' || unit === '' ? unit : ` ${unit}`;
  return `${label}${value.toFixed(2)}${suffix}`;
}

/** "Length 42.10 mm", "Ellipse 120.50 mm², mean 35.20 HU, …": a measurement as a line of text. */
export function measurementText(
  tool: MeasurementTool,
  values: readonly MeasurementValue[],
): string {
  const shown = values.map((value) => valueText(tool, value)).join(', ');
  return shown ? `${toolLabels[tool]} ${shown}` : toolLabels[tool];
}
