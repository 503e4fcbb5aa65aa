import type { WorklistFilters } from './filters';
import { aiStatusLabels, reviewStatusLabels, type AiStatus, type ReviewStatus } from './types';

/** One control per filterable column; every change replaces the whole filter object. */
export function WorklistFilterBar({
  filters,
  modalities,
  onChange,
}: {
  filters: WorklistFilters;
  modalities: string[];
  onChange: (filters: WorklistFilters) => void;
}) {
  const set = (patch: Partial<WorklistFilters>) => onChange({ ...filters, ...patch });
  return (
    <form className="filter-bar" role="search" aria-label="Filter studies">
      <label>
        Patient or description
        <input
          type="search"
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </label>
      <label>
        Modality
        <select
          value={filters.modality}
          onChange={(event) => set({ modality: event.target.value })}
        >
          <option value="">Any</option>
          {modalities.map((modality) => (
            <option key={modality}>{modality}</option>
          ))}
        </select>
      </label>
      <label>
        AI status
        <select
          value={filters.aiStatus}
          onChange={(event) => set({ aiStatus: event.target.value as AiStatus | '' })}
        >
          <option value="">Any</option>
          {Object.entries(aiStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Review
        <select
          value={filters.reviewStatus}
          onChange={(event) => set({ reviewStatus: event.target.value as ReviewStatus | '' })}
        >
          <option value="">Any</option>
          {Object.entries(reviewStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value={filters.from}
          onChange={(event) => set({ from: event.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={filters.to}
          onChange={(event) => set({ to: event.target.value })}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={filters.flaggedOnly}
          onChange={(event) => set({ flaggedOnly: event.target.checked })}
        />
        Flagged only
      </label>
    </form>
  );
}
