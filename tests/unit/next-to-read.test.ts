/**
 * The study page's "next unread" study: the worklist's default order (flagged first, most
 * probable first), the next study after the current one that this reader has not signed, from
 * the top once the end is passed, never the current one.
 */
import { describe, expect, it } from 'vitest';
import { nextToRead } from '../../app/_components/worklist/order';
import type { ReviewStatus, WorklistStudy } from '../../app/_components/worklist/types';

function study(id: string, probability: number, flagged: boolean, review: ReviewStatus) {
  return {
    id,
    patientName: id,
    patientId: id,
    studyDate: '2026-01-01',
    description: '',
    modalities: ['CR'],
    seriesCount: 1,
    receivedAt: '2026-01-01T00:00:00Z',
    ai: {
      status: 'screened',
      maxProbability: probability,
      flagged: flagged ? ['pneumonia'] : [],
      screenedSeries: 1,
      eligibleSeries: 1,
      outOfScope: [],
      error: null,
    },
    review: { status: review, othersSigned: review === 'read-by-others' ? 1 : 0 },
  } satisfies WorklistStudy;
}

// Worklist order: a (flagged, 0.9), b (flagged, 0.8), c (0.7), d (0.2).
const worklist = [
  study('d', 0.2, false, 'unread'),
  study('b', 0.8, true, 'read-by-me'),
  study('c', 0.7, false, 'read-by-others'),
  study('a', 0.9, true, 'unread'),
];

describe('nextToRead', () => {
  it('is the next study in worklist order that this reader has not signed', () => {
    expect(nextToRead(worklist, 'a')?.id).toBe('c');
    expect(nextToRead(worklist, 'b')?.id).toBe('c');
    expect(nextToRead(worklist, 'c')?.id).toBe('d');
  });

  it('goes back to the top past the end, and from the top for a study not in the list', () => {
    expect(nextToRead(worklist, 'd')?.id).toBe('a');
    expect(nextToRead(worklist, 'gone')?.id).toBe('a');
  });

  it('is null when every other study is signed by this reader', () => {
    const read = worklist.map((s) =>
      s.id === 'a' ? s : { ...s, review: { ...s.review, status: 'read-by-me' as const } },
    );
    expect(nextToRead(read, 'a')).toBeNull();
    expect(nextToRead([worklist[3]!], 'a')).toBeNull();
  });
});
