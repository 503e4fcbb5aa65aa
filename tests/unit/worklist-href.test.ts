import { describe, expect, it } from 'vitest';
import {
  flaggedUnreadFilters,
  flaggedUnreadHref,
  noFilters,
  worklistHref,
  type WorklistFilters,
} from '../../app/_components/worklist/filters';

describe('the worklist address for its filters', () => {
  it('names the flagged-unread view only while the filters are exactly its own', () => {
    expect(worklistHref(flaggedUnreadFilters)).toBe(flaggedUnreadHref);
    expect(worklistHref({ ...noFilters, reviewStatus: 'unread', flaggedOnly: true })).toBe(
      flaggedUnreadHref,
    );
    expect(worklistHref(noFilters)).toBe('/worklist');
    const changes: Partial<WorklistFilters>[] = [
      { flaggedOnly: false },
      { reviewStatus: '' },
      { reviewStatus: 'read-by-others' },
      { modality: 'DX' },
      { aiStatus: 'screened' },
      { from: '2026-12-01' },
      { to: '2026-12-07' },
      { text: 'DOE^JANE' },
    ];
    for (const change of changes) {
      expect(worklistHref({ ...flaggedUnreadFilters, ...change })).toBe('/worklist');
    }
  });
});
