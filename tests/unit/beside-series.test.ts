/** Which series of the study `s` (Series side by side) shows beside the one on screen. */
import { describe, expect, it } from 'vitest';
import { besideSeries } from '../../app/_components/study/use-comparison';
import type { ViewerImage, ViewerSeries } from '../../app/_components/viewer/types';

type Normal = [number, number, number];

function one(id: string, modality: string, images = 1, normal: Normal | null = null) {
  const placement: ViewerSeries['placement'] =
    normal === null ? null : { normal, locations: Array.from({ length: images }, (_, k) => k) };
  return { id, modality, images: new Array<ViewerImage>(images), placement };
}

const degrees = (angle: number): Normal => {
  const radians = (angle * Math.PI) / 180;
  return [0, Math.sin(radians), Math.cos(radians)];
};

const series = [one('1', 'CT'), one('2', 'SR'), one('3', 'CT'), one('4', 'CT')];

describe('besideSeries', () => {
  it('picks the next series of the modality on screen, round to the start', () => {
    expect(besideSeries(series, '1')).toBe('3');
    expect(besideSeries(series, '3')).toBe('4');
    expect(besideSeries(series, '4')).toBe('1');
  });

  it('picks the next of any modality when no other has the one on screen', () => {
    expect(besideSeries(series, '2')).toBe('3');
    expect(besideSeries([one('7', 'CR'), one('8', 'SR')], '7')).toBe('8');
  });

  it('shows the one series again when it is the only one, and nothing without series', () => {
    expect(besideSeries([one('5', 'CT')], '5')).toBe('5');
    expect(besideSeries([], null)).toBeNull();
  });

  it('starts from the first series while none is on screen yet', () => {
    expect(besideSeries(series, null)).toBe('3');
  });

  describe('a chest CT: scout, axial 5 mm, coronal reformats, axial 1 mm lung kernel, report', () => {
    const chest = [
      one('scout', 'CT', 1, [0, 1, 0]),
      one('axial-5', 'CT', 48, [0, 0, 1]),
      one('coronal', 'CT', 40, [0, 1, 0]),
      // Stacked feet first, and tilted by 2 degrees: parallel all the same.
      one('axial-1', 'CT', 240, degrees(182)),
      one('report', 'SR'),
    ];

    it('puts the other axial stack beside an axial one, past the coronal between them', () => {
      expect(besideSeries(chest, 'axial-5')).toBe('axial-1');
      expect(besideSeries(chest, 'axial-1')).toBe('axial-5');
    });

    it('puts a coronal stack beside the scout, which is no stack to put beside the coronal', () => {
      expect(besideSeries(chest, 'scout')).toBe('coronal');
      expect(besideSeries(chest, 'coronal')).toBe('axial-1');
    });

    it('takes a stack tilted by 10 degrees as crossing, not as parallel', () => {
      const tilted = [chest[1]!, chest[2]!, one('tilted', 'CT', 30, degrees(10))];
      expect(besideSeries(tilted, 'axial-5')).toBe('coronal');
    });

    it('still shows the next series of any modality beside the report', () => {
      expect(besideSeries(chest, 'report')).toBe('scout');
    });
  });
});
