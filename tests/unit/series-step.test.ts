/**
 * PageDown and PageUp in the viewer (app/_components/viewer/series-step.ts): the next and the
 * previous series in the thumbnails' order, staying at either end.
 */
import { describe, expect, it } from 'vitest';
import { steppedSeries } from '../../app/_components/viewer/series-step';

const series = [{ id: 'scout' }, { id: 'axial' }, { id: 'coronal' }];

describe('steppedSeries', () => {
  it('steps to the next and the previous series in order', () => {
    expect(steppedSeries(series, 'scout', 1)?.id).toBe('axial');
    expect(steppedSeries(series, 'axial', 1)?.id).toBe('coronal');
    expect(steppedSeries(series, 'coronal', -1)?.id).toBe('axial');
    expect(steppedSeries(series, 'axial', -1)?.id).toBe('scout');
  });

  it('stays at the last and at the first series', () => {
    expect(steppedSeries(series, 'coronal', 1)?.id).toBe('coronal');
    expect(steppedSeries(series, 'scout', -1)?.id).toBe('scout');
  });

  it('goes to the first series when none is shown, and to none in a study without series', () => {
    expect(steppedSeries(series, undefined, 1)?.id).toBe('scout');
    expect(steppedSeries(series, 'gone', -1)?.id).toBe('scout');
    expect(steppedSeries([], undefined, 1)).toBeUndefined();
  });
});
