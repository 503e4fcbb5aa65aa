/** Which series of the study `s` (Series side by side) shows beside the one on screen. */
import { describe, expect, it } from 'vitest';
import { besideSeries } from '../../app/_components/study/use-comparison';

const series = [
  { id: '1', modality: 'CT' },
  { id: '2', modality: 'SR' },
  { id: '3', modality: 'CT' },
  { id: '4', modality: 'CT' },
];

describe('besideSeries', () => {
  it('picks the next series of the modality on screen, round to the start', () => {
    expect(besideSeries(series, '1')).toBe('3');
    expect(besideSeries(series, '3')).toBe('4');
    expect(besideSeries(series, '4')).toBe('1');
  });

  it('picks the next of any modality when no other has the one on screen', () => {
    expect(besideSeries(series, '2')).toBe('3');
    const crWithReport = [
      { id: '7', modality: 'CR' },
      { id: '8', modality: 'SR' },
    ];
    expect(besideSeries(crWithReport, '7')).toBe('8');
  });

  it('shows the one series again when it is the only one, and nothing without series', () => {
    expect(besideSeries([{ id: '5', modality: 'CT' }], '5')).toBe('5');
    expect(besideSeries([], null)).toBeNull();
  });

  it('starts from the first series while none is on screen yet', () => {
    expect(besideSeries(series, null)).toBe('3');
  });
});
