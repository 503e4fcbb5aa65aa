import type { ReferenceLine } from './types';

/**
 * The reference line over the viewport: where a linked viewport's image cuts the image on screen
 * (reference-line.ts), drawn at its canvas position, which follows pan, zoom, flips and rotation.
 * Its ends in pixel index coordinates are in `data-pixels` (column, row, column, row).
 */
export function ReferenceLineLayer({ line }: { line: ReferenceLine }) {
  const [[x1, y1], [x2, y2]] = line.canvas;
  return (
    <svg
      className="reference-line"
      aria-hidden="true"
      data-testid="reference-line"
      data-pixels={line.pixels
        .flat()
        .map((value) => value.toFixed(2))
        .join(',')}
    >
      <line x1={x1} y1={y1} x2={x2} y2={y2} />
    </svg>
  );
}
