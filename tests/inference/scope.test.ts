import { describe, expect, it } from 'vitest';
import { blocksScoring, checkScope, parseManifest, type ScopeFacts } from '../../lib/inference';
import { readModelJson } from './support';

const { intendedUse } = parseManifest(readModelJson('model.json'), 'model.json');
const frontalCr: ScopeFacts = {
  modality: 'CR',
  viewPosition: 'PA',
  bodyPart: 'CHEST',
  colour: false,
  rows: 2048,
  columns: 2500,
  burnedInAnnotation: false,
};

function codes(facts: Partial<ScopeFacts>) {
  return checkScope({ ...frontalCr, ...facts }, intendedUse).map((r) => `${r.code}:${r.severity}`);
}

describe('intended-use checks (from the shipped manifest)', () => {
  it('accepts a frontal CR or DX chest radiograph without reasons', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ modality: 'DX', viewPosition: 'AP' })).toEqual([]);
  });

  it('blocks other modalities, colour, lateral views and small images', () => {
    expect(codes({ modality: 'CT' })).toEqual(['MODALITY:block']);
    expect(codes({ colour: true })).toEqual(['COLOUR:block']);
    expect(codes({ viewPosition: 'LL' })).toEqual(['VIEW:block']);
    expect(codes({ rows: 127 })).toEqual(['TOO_SMALL:block']);
    expect(blocksScoring(checkScope({ ...frontalCr, viewPosition: 'LATERAL' }, intendedUse))).toBe(
      true,
    );
  });

  it('scores with an advisory when the header says text is burned into the pixels', () => {
    expect(codes({ burnedInAnnotation: true })).toEqual(['BURNED_IN_ANNOTATION:advisory']);
    expect(blocksScoring(checkScope({ ...frontalCr, burnedInAnnotation: true }, intendedUse))).toBe(
      false,
    );
  });

  it('scores with advisories when the header cannot say (PNG) or names another body part', () => {
    const png = { modality: null, viewPosition: null, bodyPart: null };
    expect(codes(png)).toEqual(['MODALITY_UNKNOWN:advisory', 'VIEW_UNKNOWN:advisory']);
    expect(codes({ bodyPart: 'ABDOMEN' })).toEqual(['BODY_PART:advisory']);
    expect(blocksScoring(checkScope({ ...frontalCr, ...png }, intendedUse))).toBe(false);
  });
});
