/**
 * What a presentation state (presentation-state.ts) does to one image: the window in the image's
 * own modality units, the grey scale's sense, the flip and rotation, and the annotations drawn on
 * it by layer; or null when the state does not apply to the image.
 */
import type {
  PresentationState,
  PsAnnotation,
  PsGraphic,
  PsImage,
  PsText,
} from './presentation-state';

/** The image to show, as the viewer knows it. */
export interface PresentationTarget {
  sopInstanceUID: string;
  /** 1-based. */
  frame: number;
  columns: number;
  rows: number;
  /** The image's own modality LUT (rescale); slope 1, intercept 0 where it has none. */
  rescale: { slope: number; intercept: number };
  bitsStored: number;
  /** Pixel Representation 1: stored values are two's complement. */
  signed: boolean;
}

interface PresentationLayerOnImage {
  name: string;
  colour: string | null;
  texts: PsText[];
  graphics: PsGraphic[];
}

export interface PresentationDisplay {
  /** In the image's modality units, with its VOI LUT function. */
  window: { center: number; width: number; fn: string };
  /** Low values white (the INVERSE presentation LUT shape). */
  invert: boolean;
  /** Clockwise, then left and right swapped where `flip` says. */
  rotation: 0 | 90 | 180 | 270;
  flip: boolean;
  /** In the state's layer order, bottom first. */
  layers: PresentationLayerOnImage[];
  /** What the state does to this image that the viewer does not, in words. */
  notApplied: string[];
}

function covers(images: PsImage[] | null, target: PresentationTarget): boolean {
  if (images === null) return true;
  return images.some(
    (image) =>
      image.sopInstanceUID === target.sopInstanceUID &&
      (image.frames.length === 0 || image.frames.includes(target.frame)),
  );
}

/**
 * A window the state gives in its own modality units (its Rescale Slope and Intercept, where it
 * states them) moved to the image's: the same stored values stay at the window's edges.
 */
function inImageUnits(
  center: number,
  width: number,
  own: PresentationState['rescale'],
  image: PresentationTarget['rescale'],
): { center: number; width: number } {
  if (!own || (own.slope === image.slope && own.intercept === image.intercept)) {
    return { center, width };
  }
  const scale = image.slope / own.slope;
  return {
    center: (center - own.intercept) * scale + image.intercept,
    width: width * Math.abs(scale),
  };
}

/**
 * The window of an image no Softcopy VOI LUT item applies to: the VOI stage is then identity
 * (PS3.3 C.11.8), every value the image can store spread from black to white, as DCMTK shows it.
 */
function identityWindow(target: PresentationTarget) {
  const lowest = target.signed ? -(2 ** (target.bitsStored - 1)) : 0;
  const highest = target.signed ? 2 ** (target.bitsStored - 1) - 1 : 2 ** target.bitsStored - 1;
  const [low, high] = [lowest, highest]
    .map((stored) => stored * target.rescale.slope + target.rescale.intercept)
    .sort((a, b) => a - b) as [number, number];
  return { center: (low + high) / 2, width: high - low, fn: 'LINEAR_EXACT' };
}

function layersOn(
  state: PresentationState,
  target: PresentationTarget,
): PresentationLayerOnImage[] {
  const order = new Map(state.layers.map((layer) => [layer.name, layer]));
  const shown = state.annotations.filter((annotation) => covers(annotation.images, target));
  const names = [...new Set(shown.map((annotation) => annotation.layer))].sort(
    (a, b) => (order.get(a)?.order ?? 0) - (order.get(b)?.order ?? 0),
  );
  return names.map((name) => {
    const mine = shown.filter((annotation: PsAnnotation) => annotation.layer === name);
    return {
      name,
      colour: order.get(name)?.colour ?? null,
      texts: mine.flatMap((annotation) => annotation.texts),
      graphics: mine.flatMap((annotation) => annotation.graphics),
    };
  });
}

function cropsImage(state: PresentationState, target: PresentationTarget): boolean {
  const area = state.displayedAreas.find((one) => covers(one.images, target));
  if (!area) return false;
  const [left, top] = area.topLeft;
  const [right, bottom] = area.bottomRight;
  return left > 1 || top > 1 || right < target.columns || bottom < target.rows;
}

/** How `state` shows `target`, or null when it does not apply to it. */
export function presentationOn(
  state: PresentationState,
  target: PresentationTarget,
): PresentationDisplay | null {
  if (!covers(state.images, target)) return null;
  const window = state.windows.find((one) => covers(one.images, target));
  return {
    window: window
      ? {
          ...inImageUnits(window.center, window.width, state.rescale, target.rescale),
          fn: window.fn,
        }
      : identityWindow(target),
    invert: state.lutShape === 'INVERSE',
    rotation: state.rotation,
    flip: state.flip,
    layers: layersOn(state, target),
    notApplied: [
      ...state.notApplied,
      ...(cropsImage(state, target) ? ['a displayed area smaller than the image'] : []),
    ],
  };
}
