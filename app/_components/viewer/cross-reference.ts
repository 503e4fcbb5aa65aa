/**
 * Reference lines between two viewports: while their images cross in one frame of reference (an
 * axial and a coronal series of one study, or a scout beside a stack), each draws where the
 * other's image cuts it (reference-line.ts), whether or not their slices are linked.
 */
import { Enums, type Types } from '@cornerstonejs/core';
import { placeOf } from './image-plane';
import type { CuttingPlane } from './reference-line';
import { crossingInOneFrame } from './slice-link';

/** What reference lines need of a stack viewport (stack-controller.ts). */
export interface ReferenceShower {
  readonly element: HTMLDivElement;
  readonly viewport: Types.IStackViewport;
  /** Draws where another image's plane cuts the image on screen; null: none. */
  showReferencePlane(plane: CuttingPlane | null): void;
}

/** Shows reference lines between `a` and `b` as they scroll or change series. Returns the undoing. */
export function showCrossReferences(a: ReferenceShower, b: ReferenceShower): () => void {
  const update = () => {
    const aPlace = placeOf(a.viewport.getCurrentImageId());
    const bPlace = placeOf(b.viewport.getCurrentImageId());
    const crossing = aPlace && bPlace && crossingInOneFrame(aPlace, bPlace);
    a.showReferencePlane(crossing ? { point: bPlace.centre, normal: bPlace.normal } : null);
    b.showReferencePlane(crossing ? { point: aPlace.centre, normal: aPlace.normal } : null);
  };
  update();
  for (const shower of [a, b]) {
    shower.element.addEventListener(Enums.Events.STACK_NEW_IMAGE, update);
  }
  return () => {
    for (const shower of [a, b]) {
      shower.element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, update);
      shower.showReferencePlane(null);
    }
  };
}
