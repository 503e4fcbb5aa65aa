/**
 * Burned-in captions for AI result images sent to a PACS: a 5x7 dot-matrix bitmap font drawn
 * straight into 8-bit RGB pixels. ASCII only, because the text of a DICOM Secondary Capture is
 * part of the pixel data and must read the same in any viewer, with no fonts to hand.
 */
import { SecondlookError } from '../errors';

export interface RgbImage {
  width: number;
  height: number;
  /** RGB, 8 bits per channel, row-major */
  data: Uint8Array;
}

export const CELL_WIDTH = 6;
export const CELL_HEIGHT = 9;

const GLYPH_WIDTH = 5;

// Each glyph is 7 rows, top first; each row a 5-bit mask, bit 4 the leftmost column.
const GLYPHS = new Map<string, readonly number[]>(
  Object.entries({
    ' ': [0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000],
    A: [0b01110, 0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001],
    B: [0b11110, 0b10001, 0b10001, 0b11110, 0b10001, 0b10001, 0b11110],
    C: [0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110],
    D: [0b11100, 0b10010, 0b10001, 0b10001, 0b10001, 0b10010, 0b11100],
    E: [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111],
    F: [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000],
    G: [0b01110, 0b10001, 0b10000, 0b10111, 0b10001, 0b10001, 0b01111],
    H: [0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
    I: [0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
    J: [0b00111, 0b00010, 0b00010, 0b00010, 0b00010, 0b10010, 0b01100],
    K: [0b10001, 0b10010, 0b10100, 0b11000, 0b10100, 0b10010, 0b10001],
    L: [0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111],
    M: [0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001],
    N: [0b10001, 0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001],
    O: [0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110],
    P: [0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000],
    Q: [0b01110, 0b10001, 0b10001, 0b10001, 0b10101, 0b10010, 0b01101],
    R: [0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001],
    S: [0b01111, 0b10000, 0b10000, 0b01110, 0b00001, 0b00001, 0b11110],
    T: [0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100],
    U: [0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110],
    V: [0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100],
    W: [0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010],
    X: [0b10001, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001, 0b10001],
    Y: [0b10001, 0b10001, 0b10001, 0b01010, 0b00100, 0b00100, 0b00100],
    Z: [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b11111],
    0: [0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110],
    1: [0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
    2: [0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111],
    3: [0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110],
    4: [0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010],
    5: [0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110],
    6: [0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110],
    7: [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000],
    8: [0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110],
    9: [0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100],
    '.': [0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b01100, 0b01100],
    ',': [0b00000, 0b00000, 0b00000, 0b00000, 0b01100, 0b00100, 0b01000],
    ':': [0b00000, 0b01100, 0b01100, 0b00000, 0b01100, 0b01100, 0b00000],
    ';': [0b00000, 0b01100, 0b01100, 0b00000, 0b01100, 0b00100, 0b01000],
    '=': [0b00000, 0b00000, 0b11111, 0b00000, 0b11111, 0b00000, 0b00000],
    '-': [0b00000, 0b00000, 0b00000, 0b11111, 0b00000, 0b00000, 0b00000],
    '+': [0b00000, 0b00100, 0b00100, 0b11111, 0b00100, 0b00100, 0b00000],
    '(': [0b00010, 0b00100, 0b01000, 0b01000, 0b01000, 0b00100, 0b00010],
    ')': [0b01000, 0b00100, 0b00010, 0b00010, 0b00010, 0b00100, 0b01000],
    '/': [0b00000, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b00000],
    '%': [0b11000, 0b11001, 0b00010, 0b00100, 0b01000, 0b10011, 0b00011],
    _: [0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b11111],
    '<': [0b00010, 0b00100, 0b01000, 0b10000, 0b01000, 0b00100, 0b00010],
    '>': [0b01000, 0b00100, 0b00010, 0b00001, 0b00010, 0b00100, 0b01000],
    "'": [0b01100, 0b00100, 0b01000, 0b00000, 0b00000, 0b00000, 0b00000],
    '"': [0b01010, 0b01010, 0b01010, 0b00000, 0b00000, 0b00000, 0b00000],
    '?': [0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b00000, 0b00100],
    '!': [0b00100, 0b00100, 0b00100, 0b00100, 0b00000, 0b00000, 0b00100],
    '#': [0b01010, 0b01010, 0b11111, 0b01010, 0b11111, 0b01010, 0b01010],
    '[': [0b01110, 0b01000, 0b01000, 0b01000, 0b01000, 0b01000, 0b01110],
    ']': [0b01110, 0b00010, 0b00010, 0b00010, 0b00010, 0b00010, 0b01110],
    '*': [0b00000, 0b00100, 0b10101, 0b01110, 0b10101, 0b00100, 0b00000],
    '&': [0b01100, 0b10010, 0b10100, 0b01000, 0b10101, 0b10010, 0b01101],
  }),
);

function glyphFor(char: string): readonly number[] {
  const key = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
  return GLYPHS.get(key) ?? GLYPHS.get('?')!;
}

function checkPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new SecondlookError('BAD_CAPTION', `${name} must be a positive integer, not ${value}`);
  }
}

/** Width in pixels of `text` drawn at integer `scale` (cells of CELL_WIDTH*scale). */
export function textWidth(text: string, scale: number): number {
  checkPositiveInteger(scale, 'caption scale');
  return Array.from(text).length * CELL_WIDTH * scale;
}

/**
 * Draws `text` with its top-left cell corner at (x, y), each font pixel a scale x scale square in
 * `rgb`; pixels outside the image are clipped, never wrapped.
 */
export function drawText(
  image: RgbImage,
  text: string,
  x: number,
  y: number,
  scale: number,
  rgb: readonly [number, number, number],
): void {
  checkPositiveInteger(scale, 'caption scale');
  if (!Number.isInteger(x) || !Number.isInteger(y)) {
    throw new SecondlookError(
      'BAD_CAPTION',
      `caption position must be whole pixels, not ${x},${y}`,
    );
  }
  const { width, height, data } = image;
  Array.from(text).forEach((char, index) => {
    const left = x + index * CELL_WIDTH * scale;
    glyphFor(char).forEach((bits, row) => {
      const y0 = Math.max(y + row * scale, 0);
      const y1 = Math.min(y + (row + 1) * scale, height);
      for (let column = 0; column < GLYPH_WIDTH; column++) {
        if ((bits & (1 << (GLYPH_WIDTH - 1 - column))) === 0) continue;
        const x0 = Math.max(left + column * scale, 0);
        const x1 = Math.min(left + (column + 1) * scale, width);
        for (let py = y0; py < y1; py++) {
          for (let px = x0; px < x1; px++) data.set(rgb, (py * width + px) * 3);
        }
      }
    });
  });
}

/**
 * Splits `text` into lines of at most `maxChars` characters at spaces (a word longer than a line
 * is cut).
 */
export function wrapText(text: string, maxChars: number): string[] {
  checkPositiveInteger(maxChars, 'caption line length');
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    let chars = Array.from(word);
    if (line.length > 0 && line.length + 1 + chars.length <= maxChars) {
      line.push(' ', ...chars);
      continue;
    }
    if (line.length > 0) lines.push(line.join(''));
    while (chars.length > maxChars) {
      lines.push(chars.slice(0, maxChars).join(''));
      chars = chars.slice(maxChars);
    }
    line = chars;
  }
  if (line.length > 0) lines.push(line.join(''));
  return lines;
}
