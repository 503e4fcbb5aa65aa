/**
 * The caption font and its drawing: every glyph distinct, a few shapes checked pixel by pixel,
 * scaling, clipping at the image edge, widths and line wrapping.
 */
import { describe, expect, it } from 'vitest';
import {
  CELL_HEIGHT,
  CELL_WIDTH,
  drawText,
  textWidth,
  wrapText,
  type RgbImage,
} from '../../lib/results/caption';

const SUPPORTED = ' ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;=-+()/%_<>\'"?!#[]*&';
const WHITE = [255, 255, 255] as const;

function blank(width: number, height: number): RgbImage {
  return { width, height, data: new Uint8Array(width * height * 3) };
}

/** `text` drawn white on black at `scale` on an image exactly its size, one string per row. */
function render(text: string, scale = 1): string[] {
  const image = blank(textWidth(text, scale), CELL_HEIGHT * scale);
  drawText(image, text, 0, 0, scale, WHITE);
  return rows(image);
}

/** '#' for a white pixel, '.' for black, '?' for anything else. */
function rows(image: RgbImage): string[] {
  const out: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = '';
    for (let x = 0; x < image.width; x++) {
      const pixel = image.data.subarray(...span(image, x, y)).join();
      row += pixel === '255,255,255' ? '#' : pixel === '0,0,0' ? '.' : '?';
    }
    out.push(row);
  }
  return out;
}

function span(image: RgbImage, x: number, y: number): [number, number] {
  const start = (y * image.width + x) * 3;
  return [start, start + 3];
}

describe('the caption font', () => {
  it('gives every supported character its own bitmap, inside the 5x7 part of its cell', () => {
    const bitmaps = Array.from(SUPPORTED, (char) => render(char));
    expect(new Set(bitmaps.map((bitmap) => bitmap.join('\n'))).size).toBe(SUPPORTED.length);
    bitmaps.forEach((bitmap, index) => {
      expect(bitmap).toHaveLength(CELL_HEIGHT);
      expect(bitmap.slice(7)).toEqual(['......', '......']);
      expect(bitmap.every((row) => row[5] === '.')).toBe(true);
      if (SUPPORTED[index] !== ' ') expect(bitmap.join('')).toContain('#');
    });
  });

  it('draws the known dot-matrix shapes, leftmost column first', () => {
    expect(render('L').slice(0, 7)).toEqual([
      '#.....',
      '#.....',
      '#.....',
      '#.....',
      '#.....',
      '#.....',
      '#####.',
    ]);
    expect(render('-').slice(0, 7)).toEqual([
      '......',
      '......',
      '......',
      '#####.',
      '......',
      '......',
      '......',
    ]);
    expect(render('4').slice(0, 7)).toEqual([
      '...#..',
      '..##..',
      '.#.#..',
      '#..#..',
      '#####.',
      '...#..',
      '...#..',
    ]);
    const i = render('I');
    expect(i.slice(0, 7).every((row) => row[2] === '#')).toBe(true);
    expect([i[0], i[3], i[6]]).toEqual(['.###..', '..#...', '.###..']);
  });

  it('draws lowercase as uppercase and anything else as ?', () => {
    expect(render('abcdefghijklmnopqrstuvwxyz')).toEqual(render('ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
    for (const char of ['~', '\t', '{', 'é', 'ß', '€', '😀']) {
      expect(render(char), char).toEqual(render('?'));
    }
  });
});

describe('drawText', () => {
  it('makes each font pixel a scale x scale square', () => {
    const one = render('R%');
    const three = render('R%', 3);
    expect(three).toHaveLength(one.length * 3);
    three.forEach((row, y) => {
      expect(row).toBe(Array.from(one[Math.floor(y / 3)]!, (pixel) => pixel.repeat(3)).join(''));
    });
  });

  it('places the text at (x, y) in the colour asked for, leaving the rest untouched', () => {
    const image = blank(20, 12);
    image.data.fill(7);
    drawText(image, 'T', 3, 2, 1, [10, 200, 30]);
    const pixel = (x: number, y: number) => Array.from(image.data.subarray(...span(image, x, y)));
    expect([3, 4, 5, 6, 7].map((x) => pixel(x, 2))).toEqual(Array(5).fill([10, 200, 30]));
    expect(pixel(5, 8)).toEqual([10, 200, 30]);
    expect([pixel(2, 2), pixel(8, 2), pixel(5, 1), pixel(5, 9), pixel(4, 3)]).toEqual(
      Array(5).fill([7, 7, 7]),
    );
  });

  it('clips at every edge without wrapping onto other rows', () => {
    const text = 'W#M';
    const scale = 2;
    const pad = 40;
    for (const [x, y] of [
      [-5, -7],
      [10, 8],
      [-20, 3],
      [4, -15],
    ] as const) {
      const small = blank(16, 14);
      expect(() => drawText(small, text, x, y, scale, WHITE)).not.toThrow();
      const big = blank(small.width + 2 * pad, small.height + 2 * pad);
      drawText(big, text, x + pad, y + pad, scale, WHITE);
      const window = rows(big)
        .slice(pad, pad + small.height)
        .map((row) => row.slice(pad, pad + small.width));
      expect(rows(small), `at ${x},${y}`).toEqual(window);
    }
  });

  it('draws nothing when the text lies wholly outside the image', () => {
    const image = blank(12, 12);
    drawText(image, 'HELLO', -textWidth('HELLO', 1), 0, 1, WHITE);
    drawText(image, 'HELLO', 12, 0, 1, WHITE);
    drawText(image, 'HELLO', 0, -CELL_HEIGHT, 1, WHITE);
    drawText(image, 'HELLO', 0, 12, 1, WHITE);
    expect(image.data.every((value) => value === 0)).toBe(true);
  });

  it('refuses a scale that is not a positive integer, and a fractional position', () => {
    for (const scale of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => drawText(blank(4, 4), 'A', 0, 0, scale, WHITE)).toThrow(
        expect.objectContaining({ code: 'BAD_CAPTION' }),
      );
      expect(() => textWidth('A', scale)).toThrow(expect.objectContaining({ code: 'BAD_CAPTION' }));
    }
    expect(() => drawText(blank(4, 4), 'A', 0.5, 0, 1, WHITE)).toThrow(
      expect.objectContaining({ code: 'BAD_CAPTION' }),
    );
  });
});

describe('textWidth', () => {
  it('is one cell per character, and matches the drawn extent', () => {
    expect(CELL_WIDTH).toBe(6);
    expect(textWidth('', 2)).toBe(0);
    expect(textWidth('P=0.93', 1)).toBe(36);
    expect(textWidth('abc', 3)).toBe(54);
    expect(textWidth('é😀', 1)).toBe(12);
    const scale = 2;
    const image = blank(200, CELL_HEIGHT * scale);
    drawText(image, 'AH', 0, 0, scale, WHITE);
    const inked = rows(image).flatMap((row) => [...row].flatMap((p, x) => (p === '#' ? [x] : [])));
    expect(Math.min(...inked)).toBe(0);
    expect(Math.max(...inked)).toBe(textWidth('AH', scale) - scale - 1);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, keeping every line within the limit', () => {
    const lines = wrapText('AI RESULT: PNEUMONIA P=0.93 (BALANCED)', 12);
    expect(lines).toEqual(['AI RESULT:', 'PNEUMONIA', 'P=0.93', '(BALANCED)']);
    expect(wrapText('ABC DEF', 7)).toEqual(['ABC DEF']);
    expect(wrapText('  A   B  ', 10)).toEqual(['A B']);
    expect(wrapText('', 5)).toEqual([]);
  });

  it('cuts a word longer than a line', () => {
    expect(wrapText('ABCDEFGHIJ KL', 4)).toEqual(['ABCD', 'EFGH', 'IJ', 'KL']);
    expect(wrapText('A BCDEFG', 4)).toEqual(['A', 'BCDE', 'FG']);
    expect(wrapText('ABCDEFGH', 1)).toHaveLength(8);
  });

  it('refuses a line length below one', () => {
    for (const maxChars of [0, -3, 2.5]) {
      expect(() => wrapText('A B', maxChars)).toThrow(
        expect.objectContaining({ code: 'BAD_CAPTION' }),
      );
    }
  });
});
