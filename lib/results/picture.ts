/**
 * The picture of an AI result: the image the model read, as it was windowed for the model, with
 * the Grad-CAM map blended over it in the viewer's colour map, scaled to fit MAX_SIDE, and a black
 * caption band below it (the image itself is never written on) with the result's text and the
 * colour bar from 0 to the map's maximum.
 */
import { applyColourMap, resize } from '../imaging';
import { blendOverGrey, type CamMap } from '../saliency';
import { CELL_HEIGHT, CELL_WIDTH, drawText, textWidth, wrapText, type RgbImage } from './caption';

/** The longest side of the image part, in pixels: a PACS screen's worth, not the detector's. */
export const MAX_SIDE = 1024;
const WHITE = [255, 255, 255] as const;

export interface PictureInput {
  /** The 8-bit grey image the model read, at the source's size. */
  grey: Uint8Array;
  width: number;
  height: number;
  /** The normalised map at the source's size. */
  map: CamMap;
  /** Paragraphs of caption text, each wrapped to the band's width. */
  caption: string[];
}

function shrink(data: ArrayLike<number>, width: number, height: number, w: number, h: number) {
  if (w === width && h === height) return Float32Array.from(data);
  return resize({ width, height, data: Float32Array.from(data) }, w, h).data;
}

function colourBarRow(image: RgbImage, top: number, left: number, length: number, thick: number) {
  const positions = Array.from({ length }, (_, i) => i / Math.max(1, length - 1));
  const colours = applyColourMap(positions, 'inferno');
  for (let y = top; y < top + thick; y++) {
    for (let x = 0; x < length; x++) {
      image.data.set(colours.subarray(x * 3, x * 3 + 3), (y * image.width + left + x) * 3);
    }
  }
}

export function resultPicture(input: PictureInput): RgbImage {
  const { width, height } = input;
  const factor = Math.min(1, MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * factor));
  const h = Math.max(1, Math.round(height * factor));
  const grey = Uint8Array.from(shrink(input.grey, width, height, w, h), (v) =>
    Math.round(Math.min(255, Math.max(0, v))),
  );
  const map = { width: w, height: h, data: shrink(input.map.data, width, height, w, h) };
  const blended = blendOverGrey(grey, map);

  const scale = Math.max(1, Math.round(w / 512));
  const margin = 2 * scale * CELL_WIDTH;
  const columns = Math.max(1, Math.floor((w - 2 * margin) / (CELL_WIDTH * scale)));
  const lines = input.caption.flatMap((paragraph) => wrapText(paragraph, columns));
  const lineHeight = CELL_HEIGHT * scale;
  const barThick = lineHeight;
  const band = margin + lines.length * lineHeight + lineHeight + barThick + lineHeight + margin;
  const picture: RgbImage = {
    width: w,
    height: h + band,
    data: new Uint8Array(w * (h + band) * 3),
  };
  picture.data.set(blended);

  let y = h + margin;
  for (const line of lines) {
    drawText(picture, line, margin, y, scale, WHITE);
    y += lineHeight;
  }
  y += lineHeight;
  const barLength = Math.max(1, w - 2 * margin);
  colourBarRow(picture, y, margin, barLength, barThick);
  y += barThick;
  drawText(picture, '0', margin, y, scale, WHITE);
  const max = 'MAX';
  drawText(picture, max, margin + barLength - textWidth(max, scale), y, scale, WHITE);
  return picture;
}
