/**
 * Two linked viewports follow each other's slices (slice-link.ts):
 * - in one frame of reference, by position: at once, the second goes to the first one's level,
 *   and a viewport given another series goes to the other's;
 * - across frames of reference, registered on the images on screen when linked, or when either
 *   shows another series;
 * - where their images cross in one frame of reference, neither scrolls (reference lines show
 *   where each lies: cross-reference.ts).
 * A scroll made to follow is not followed back (with other spacings, that would walk both away).
 */
import { Enums, type Types } from '@cornerstonejs/core';
import { placeOf } from './image-plane';
import {
  crossingInOneFrame,
  followingIndex,
  sliceLink,
  type SliceLink,
  type SliceLinkMode,
} from './slice-link';
import type { SlicePlacement } from './types';

/** What following needs of a stack viewport (stack-controller.ts). */
export interface SliceFollower {
  readonly element: HTMLDivElement;
  readonly viewport: Types.IStackViewport;
  /** Where the images of the series on screen lie; a new value when the series changes. */
  readonly slicePlacement: SlicePlacement | null;
  scrollTo(index: number): Promise<void>;
}

/**
 * Links the slices of `a` and `b`; `onMode` hears how they follow whenever that changes.
 * Returns the unlinking.
 */
export function followSlices(
  a: SliceFollower,
  b: SliceFollower,
  onMode: (mode: SliceLinkMode) => void,
): () => void {
  /** The two placements linked, and the link each way. */
  interface Registration {
    placements: [SlicePlacement | null, SlicePlacement | null];
    ab: SliceLink | null;
    ba: SliceLink | null;
  }
  let registered: Registration | null = null;
  let mode: SliceLinkMode | null = null;
  // The images each viewport was sent to follow the other, until it shows them.
  const following = new Map<SliceFollower, Set<number>>([
    [a, new Set()],
    [b, new Set()],
  ]);
  const lead = (source: SliceFollower, target: SliceFollower) => {
    if (!registered) return;
    const [pa, pb] = registered.placements;
    const [link, from, to] = source === a ? [registered.ab, pa, pb] : [registered.ba, pb, pa];
    if (!link || !from || !to) return;
    const index = source.viewport.getCurrentImageIdIndex();
    const centre = placeOf(source.viewport.getCurrentImageId())?.centre ?? null;
    const next = followingIndex(link, from, index, centre, to);
    if (next === null || next === target.viewport.getCurrentImageIdIndex()) return;
    following.get(target)!.add(next);
    // After the event being handled: Cornerstone sets the index of the image it announces after
    // its listeners return, which would undo a scroll of the announcing viewport made in them.
    setTimeout(() => void target.scrollTo(next), 0);
  };
  /** Registers the link again when either viewport shows another series; true when it did. */
  const register = (): boolean => {
    const pa = a.slicePlacement;
    const pb = b.slicePlacement;
    const previous = registered;
    if (previous && previous.placements[0] === pa && previous.placements[1] === pb) return false;
    const ai = a.viewport.getCurrentImageIdIndex();
    const bi = b.viewport.getCurrentImageIdIndex();
    const aPlace = placeOf(a.viewport.getCurrentImageId());
    const bPlace = placeOf(b.viewport.getCurrentImageId());
    registered = {
      placements: [pa, pb],
      ab: pa && pb ? sliceLink(pa, ai, aPlace, pb, bi, bPlace) : null,
      ba: pa && pb ? sliceLink(pb, bi, bPlace, pa, ai, aPlace) : null,
    };
    const now: SliceLinkMode = crossingInOneFrame(aPlace, bPlace)
      ? 'reference'
      : !pa || !pb
        ? 'unplaced'
        : (registered.ab?.by ?? 'crossing');
    if (now !== mode) onMode(now);
    mode = now;
    if (now === 'position') {
      // Only `a` shows another series: it goes to `b`'s level; else `b` goes to `a`'s.
      const aMoved = previous !== null && previous.placements[0] !== pa;
      const bMoved = previous !== null && previous.placements[1] !== pb;
      if (aMoved && !bMoved) lead(b, a);
      else lead(a, b);
    }
    return true;
  };
  const follow = (source: SliceFollower, target: SliceFollower) => () => {
    const index = source.viewport.getCurrentImageIdIndex();
    const sent = following.get(source)!;
    if (sent.delete(index)) return;
    // The reader scrolled it: a scroll it was sent on and did not show is forgotten.
    sent.clear();
    // A viewport given another series was placed by registering again, not followed.
    if (register()) return;
    if (mode !== 'reference') lead(source, target);
  };
  register();
  const listeners = [
    [a, follow(a, b)],
    [b, follow(b, a)],
  ] as const;
  for (const [controller, listener] of listeners) {
    controller.element.addEventListener(Enums.Events.STACK_NEW_IMAGE, listener);
  }
  return () => {
    for (const [controller, listener] of listeners) {
      controller.element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, listener);
    }
  };
}
