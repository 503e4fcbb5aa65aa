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

/**
 * A bidirectional's mean diameter, the average of its two axes, as Lung-RADS sizes a nodule (and
 * Fleischner's guidelines too): shown beside the axes, never signed, since the axes give it.
 */
function meanDiameter(values: readonly MeasurementValue[]): MeasurementValue | null {
  const [length, width] = ['length', 'width'].map((name) => values.find((v) => v.name === name));
  if (!length || !width || length.unit !== width.unit) return null;
  return { name: 'mean', value: (length.value + width.value) / 2, unit: length.unit };
}

/**
 * "Length 42.10 mm", "Ellipse 120.50 mm², mean 35.20 HU, …", "Bidirectional 12.00 mm, width
 * 8.00 mm, mean 10.00 mm": a measurement as a line of text.
 */
export function measurementText(
  tool: MeasurementTool,
  values: readonly MeasurementValue[],
): string {
  const mean = tool === 'Bidirectional' ? meanDiameter(values) : null;
  const shown = [...values, ...(mean ? [mean] : [])]
    .map((value) => valueText(tool, value))
    .join(', ');
  return shown ? `${toolLabels[tool]} ${shown}` : toolLabels[tool];
}
