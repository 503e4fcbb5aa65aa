/**
 * The confounder rule of the saliency audit: strictly above each limit flags, at the limit does
 * not, an unknown body mask never flags outside-body, and a stored summary that is not the shape
 * the screening worker writes reads as no map.
 */
import { describe, expect, it } from 'vitest';
import { CONFOUNDER_LIMITS, confounderFlags, readStoredCam } from '../../lib/saliency';

const cam = {
  label: 'pneumonia',
  method: 'grad-cam',
  width: 440,
  height: 440,
  peak: { x: 409, y: 0 },
  topDecileMass: 0.58,
  borderMass: 0.2,
  outsideBodyMass: 0.1,
};

describe('confounderFlags', () => {
  it('flags strictly above each limit', () => {
    const { borderMass, outsideBodyMass } = CONFOUNDER_LIMITS;
    expect(confounderFlags({ borderMass, outsideBodyMass })).toEqual([]);
    expect(confounderFlags({ borderMass: borderMass + 1e-9, outsideBodyMass })).toEqual(['border']);
    expect(confounderFlags({ borderMass, outsideBodyMass: outsideBodyMass + 1e-9 })).toEqual([
      'outside-body',
    ]);
    expect(confounderFlags({ borderMass: 1, outsideBodyMass: 1 })).toEqual([
      'border',
      'outside-body',
    ]);
    expect(confounderFlags({ borderMass: 0.2, outsideBodyMass: null })).toEqual([]);
  });

  it('takes other limits', () => {
    expect(confounderFlags(cam, { borderMass: 0.1, outsideBodyMass: 0.05 })).toEqual([
      'border',
      'outside-body',
    ]);
  });
});

describe('readStoredCam', () => {
  it('reads what the screening worker stores', () => {
    expect(readStoredCam({ cam })).toEqual({
      label: 'pneumonia',
      method: 'grad-cam',
      borderMass: 0.2,
      outsideBodyMass: 0.1,
      topDecileMass: 0.58,
      peak: { x: 409, y: 0 },
      width: 440,
      height: 440,
    });
    expect(readStoredCam({ cam: { ...cam, outsideBodyMass: null } })?.outsideBodyMass).toBeNull();
  });

  it.each([
    ['no saliency', null],
    ['no map', { cam: null }],
    ['a string', { cam: 'hot' }],
    ['a mass above 1', { cam: { ...cam, borderMass: 1.5 } }],
    ['a mass as text', { cam: { ...cam, outsideBodyMass: '0.3' } }],
    ['no peak', { cam: { ...cam, peak: undefined } }],
    ['a fractional size', { cam: { ...cam, width: 7.5 } }],
    ['no label', { cam: { ...cam, label: 3 } }],
    ['no method', { cam: { ...cam, method: undefined } }],
  ])('reads %s as no map', (_name, saliency) => {
    expect(readStoredCam(saliency)).toBeNull();
  });
});
