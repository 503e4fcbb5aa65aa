/**
 * A presentation state (lib/dicom presentation-state.ts) on the stack viewport: for the image on
 * screen, the window, grey-scale sense, rotation and flip it gives (presentationOn), set on the
 * viewport, and its annotations moved from image pixels to the canvas, to be drawn over it.
 */
import { Enums, metaData, utilities as coreUtilities, type Types } from '@cornerstonejs/core';
import { presentationOn, type PresentationDisplay } from '@/lib/dicom/presentation-display';
import type { PresentationState, PsPoint, PsText, PsUnits } from '@/lib/dicom/presentation-state';
import type { Presented, PresentedText } from './types';

/** A presentation state chosen in the viewer, and how its images are found among the viewer's. */
export interface ShownPresentation {
  state: PresentationState;
  /** The stored instance and frame a viewer image id shows, or null. */
  locate: (imageId: string) => { sopInstanceUID: string; frame: number } | null;
}

const VOI_FUNCTIONS: Record<string, Enums.VOILUTFunctionType> = {
  LINEAR: Enums.VOILUTFunctionType.LINEAR,
  LINEAR_EXACT: Enums.VOILUTFunctionType.LINEAR_EXACT,
  SIGMOID: Enums.VOILUTFunctionType.SAMPLED_SIGMOID,
};

/** What `shown` does to image `imageId`, or null when it does not apply to it. */
export function presentationFor(
  shown: ShownPresentation,
  imageId: string,
): PresentationDisplay | null {
  const place = shown.locate(imageId);
  const pixels = metaData.get('imagePixelModule', imageId) as
    { rows: number; columns: number; bitsStored: number; pixelRepresentation: number } | undefined;
  const modality = metaData.get('modalityLutModule', imageId) as
    { rescaleSlope?: number; rescaleIntercept?: number } | undefined;
  if (!place || !pixels) return null;
  return presentationOn(shown.state, {
    ...place,
    columns: pixels.columns,
    rows: pixels.rows,
    rescale: { slope: modality?.rescaleSlope ?? 1, intercept: modality?.rescaleIntercept ?? 0 },
    bitsStored: pixels.bitsStored,
    signed: pixels.pixelRepresentation === 1,
  });
}

const sameWindow = (a: PresentationDisplay, b: PresentationDisplay) =>
  a.window.center === b.window.center &&
  a.window.width === b.window.width &&
  a.window.fn === b.window.fn &&
  a.invert === b.invert;

/**
 * Sets the window and sense, and the rotation and flip (from the reset camera: rotated clockwise
 * first, then flipped left to right on the screen, PS3.3 C.10.6.1) on the viewport. What the
 * image shown before was given (`before`, if the state applied to it) is left as the reader has
 * made it since: a window they changed or a zoom stays while they scroll through images the
 * state gives the same.
 */
export function applyPresentation(
  viewport: Types.IStackViewport,
  display: PresentationDisplay,
  before: PresentationDisplay | null,
): void {
  if (!before || !sameWindow(before, display)) {
    const { center, width, fn } = display.window;
    const VOILUTFunction = VOI_FUNCTIONS[fn] ?? Enums.VOILUTFunctionType.LINEAR;
    viewport.setProperties({
      voiRange: coreUtilities.windowLevel.toLowHighRange(width, center, VOILUTFunction),
      VOILUTFunction,
      invert: display.invert,
    });
  }
  if (!before || before.rotation !== display.rotation || before.flip !== display.flip) {
    viewport.resetCamera();
    viewport.setViewPresentation({ rotation: display.rotation });
    if (display.flip) viewport.setCamera({ flipHorizontal: true });
  }
  viewport.render();
}

/** Where image axis +x and then +y point on the canvas, to the rotation and flip showing them so. */
const SPATIAL: Record<string, { rotation: 0 | 90 | 180 | 270; flip: boolean }> = {
  'right down': { rotation: 0, flip: false },
  'down left': { rotation: 90, flip: false },
  'left up': { rotation: 180, flip: false },
  'up right': { rotation: 270, flip: false },
  'left down': { rotation: 0, flip: true },
  'down right': { rotation: 90, flip: true },
  'right up': { rotation: 180, flip: true },
  'up left': { rotation: 270, flip: true },
};

/**
 * The rotation (clockwise) and then flip a presentation state gives to show `imageId` as the
 * viewport shows it now, from where the image's axes point on the canvas: every flip and turn
 * the reader made is one of the eight.
 */
export function spatialOf(viewport: Types.IStackViewport, imageId: string) {
  const at = (x: number, y: number) =>
    viewport.worldToCanvas(coreUtilities.imageToWorldCoords(imageId, [x, y]) as Types.Point3);
  const origin = at(0, 0);
  const direction = ([x, y]: Types.Point2) => {
    const [dx, dy] = [x - origin[0], y - origin[1]];
    if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? 'right' : 'left';
    return dy > 0 ? 'down' : 'up';
  };
  return SPATIAL[`${direction(at(1, 0))} ${direction(at(0, 1))}`] ?? { rotation: 0, flip: false };
}

/** Maps the state's points to the canvas: PIXEL through the image, DISPLAY across its bounds. */
function canvasMapper(viewport: Types.IStackViewport, imageId: string) {
  const pixels = metaData.get('imagePixelModule', imageId) as
    { rows: number; columns: number } | undefined;
  const fromImage = ([x, y]: PsPoint): [number, number] => {
    const world = coreUtilities.imageToWorldCoords(imageId, [x, y]);
    const [cx, cy] = world ? viewport.worldToCanvas(world as Types.Point3) : [NaN, NaN];
    return [cx, cy];
  };
  const { columns = 1, rows = 1 } = pixels ?? {};
  const corners = [
    [0, 0],
    [columns, 0],
    [0, rows],
    [columns, rows],
  ].map((corner) => fromImage(corner as PsPoint));
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const [left, top] = [Math.min(...xs), Math.min(...ys)];
  const [across, down] = [Math.max(...xs) - left, Math.max(...ys) - top];
  return (units: PsUnits, point: PsPoint): [number, number] =>
    units === 'PIXEL' ? fromImage(point) : [left + point[0] * across, top + point[1] * down];
}

const ALIGN: Record<string, PresentedText['align']> = {
  LEFT: 'start',
  CENTER: 'middle',
  RIGHT: 'end',
};

function textOn(text: PsText, toCanvas: ReturnType<typeof canvasMapper>): PresentedText | null {
  const anchor = text.anchor ? toCanvas(text.anchor.units, text.anchor.point) : null;
  const shownAnchor = text.anchor?.visible ? anchor : null;
  if (text.box) {
    const a = toCanvas(text.box.units, text.box.topLeft);
    const b = toCanvas(text.box.units, text.box.bottomRight);
    const [left, right] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
    const [top, bottom] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    const align = ALIGN[text.box.justification] ?? 'start';
    const x = align === 'start' ? left : align === 'end' ? right : (left + right) / 2;
    const clamp = (value: number, low: number, high: number) =>
      Math.min(high, Math.max(low, value));
    const leader = shownAnchor
      ? {
          from: [clamp(shownAnchor[0], left, right), clamp(shownAnchor[1], top, bottom)] as [
            number,
            number,
          ],
          to: shownAnchor,
        }
      : null;
    return { text: text.text, at: [x, top], align, leader };
  }
  // A text with an anchor and no box is written just beside its point.
  if (!anchor) return null;
  const at: [number, number] = [anchor[0] + 6, anchor[1] - 18];
  return {
    text: text.text,
    at,
    align: 'start',
    leader: shownAnchor ? { from: [at[0], at[1] + 14], to: shownAnchor } : null,
  };
}

/** The state's label and its annotations on `imageId` on the canvas as it is now. */
export function presentedOn(
  viewport: Types.IStackViewport,
  imageId: string,
  label: string,
  display: PresentationDisplay,
): Presented {
  const toCanvas = canvasMapper(viewport, imageId);
  return {
    label,
    notApplied: display.notApplied,
    layers: display.layers.map((layer) => ({
      name: layer.name,
      colour: layer.colour,
      shapes: layer.graphics.map((graphic) => ({
        type: graphic.type,
        filled: graphic.filled,
        points: graphic.points.map((point) => toCanvas(graphic.units, point)),
      })),
      texts: layer.texts.flatMap((text) => textOn(text, toCanvas) ?? []),
    })),
  };
}
