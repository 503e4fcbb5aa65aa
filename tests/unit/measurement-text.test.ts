/** The measurement list's lines (app/_components/viewer/measurement-text.ts). */
import { describe, expect, it } from 'vitest';
import { measurementText } from '../../app/_components/viewer/measurement-text';

describe('a measurement as a line of text', () => {
  it('names a bidirectional by its long axis, then its width and their mean diameter', () => {
    expect(
      measurementText('Bidirectional', [
        { name: 'length', value: 12.5, unit: 'mm Proj' },
        { name: 'width', value: 7.25, unit: 'mm Proj' },
      ]),
    ).toBe('Bidirectional 12.50 mm Proj, width 7.25 mm Proj, mean 9.88 mm Proj');
  });

  it('gives no mean while an axis is missing, or when the axes are in different units', () => {
    expect(measurementText('Bidirectional', [])).toBe('Bidirectional');
    expect(measurementText('Bidirectional', [{ name: 'length', value: 12, unit: 'mm' }])).toBe(
      'Bidirectional 12.00 mm',
    );
    expect(
      measurementText('Bidirectional', [
        { name: 'length', value: 12, unit: 'mm' },
        { name: 'width', value: 8, unit: 'px' },
      ]),
    ).toBe('Bidirectional 12.00 mm, width 8.00 px');
  });

  it('keeps the other tools as they were: the named value bare, the others by name', () => {
    expect(measurementText('Length', [{ name: 'length', value: 42.1, unit: 'mm' }])).toBe(
      'Length 42.10 mm',
    );
    expect(
      measurementText('EllipticalROI', [
        { name: 'area', value: 120.5, unit: 'mm²' },
        { name: 'mean', value: 35.2, unit: 'HU' },
        { name: 'stdDev', value: 4, unit: 'HU' },
      ]),
    ).toBe('Ellipse 120.50 mm², mean 35.20 HU, SD 4.00 HU');
    expect(measurementText('Angle', [{ name: 'angle', value: 90, unit: '°' }])).toBe(
      'Angle 90.00°',
    );
  });
});
