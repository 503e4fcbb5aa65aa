/** Which prior `o` compares with: the patient's newest earlier study of the modality on screen. */
import { describe, expect, it } from 'vitest';
import { newestPrior } from '../../app/_components/study/use-comparison';
import type { WorklistStudy } from '../../app/_components/worklist/types';

const study = (id: string, studyDate: string | null, modalities: string[]) =>
  ({ id, studyDate, modalities }) as WorklistStudy;

/** As the study page lists them: newest first, undated last. */
const others = [
  study('later-ct', '2026-03-01', ['CT']),
  study('ct', '2025-01-05', ['CT', 'SR']),
  study('cr', '2024-06-01', ['CR']),
  study('old-ct', '2019-02-02', ['CT']),
  study('undated-mr', null, ['MR']),
];

describe('newestPrior', () => {
  it('is the newest earlier study with the modality on screen', () => {
    expect(newestPrior(others, '2026-01-05', 'CT')?.id).toBe('ct');
    expect(newestPrior(others, '2026-01-05', 'CR')?.id).toBe('cr');
    expect(newestPrior(others, '2020-01-01', 'CT')?.id).toBe('old-ct');
  });

  it('is none for a modality no other study has, or before the oldest', () => {
    expect(newestPrior(others, '2026-01-05', 'DX')).toBeNull();
    expect(newestPrior(others, '2019-01-01', 'CT')).toBeNull();
    expect(newestPrior(others, '2026-01-05', null)).toBeNull();
  });

  it('counts an undated study, or any study when this one is undated, as earlier', () => {
    expect(newestPrior(others, '2026-01-05', 'MR')?.id).toBe('undated-mr');
    expect(newestPrior(others, '', 'CT')?.id).toBe('later-ct');
  });
});
