/**
 * Grayscale Softcopy Presentation States (lib/dicom readPresentationState, presentationOn)
 * against DCMTK, which made them (dcmpsmk, dcmodify) and reads them independently: what
 * `dcmp2pgm -v` dumps of each state equals what the reader reads, and the image dcmp2pgm
 * renders through a state equals the image lib/imaging renders with the window and grey-scale
 * sense presentationOn gives, flipped and then rotated as it says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  parseDicom,
  presentationOn,
  readPixelModule,
  readPresentationState,
  str,
  TAG,
  type PresentationDisplay,
  type PresentationState,
} from '../../lib/dicom';
import { renderDisplay } from '../../lib/imaging';
import { sharedDicomDir, workDir } from '../support/paths';
import {
  dcmtkRendering,
  findingsAnnotations,
  presentationState,
  type DcmtkRendering,
} from '../support/presentation-state';

const chest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const ct = [1, 2].map((n) => path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', `0${n}.dcm`));
const dir = path.join(workDir, 'presentation-state');

const parse = (file: string) => parseDicom(new Uint8Array(readFileSync(file)), { file });
const stateIn = (file: string) => readPresentationState(parse(file))!;

/** presentationOn for frame 1 of `image`, as the viewer asks it. */
function displayOf(state: PresentationState, image: string): PresentationDisplay | null {
  const dicom = parse(image);
  const pixels = readPixelModule(dicom);
  return presentationOn(state, {
    sopInstanceUID: str(dicom.dataSet, TAG.SOPInstanceUID)!,
    frame: 1,
    columns: pixels.columns,
    rows: pixels.rows,
    rescale: { slope: pixels.rescaleSlope, intercept: pixels.rescaleIntercept },
    bitsStored: pixels.bitsStored,
    signed: pixels.pixelRepresentation === 1,
  });
}

/** The image through `display`: window and sense by lib/imaging, then rotated, then flipped. */
async function ourRendering(image: string, display: PresentationDisplay) {
  const dicom = parse(image);
  const params = readPixelModule(dicom);
  const monochrome1 = params.photometricInterpretation === 'MONOCHROME1';
  const frame = await decodeFrame(dicom, 0);
  // renderDisplay always shows MONOCHROME1 low values white; `invert` flips on top of that.
  const rendered = renderDisplay(frame, params, {
    window: display.window,
    invert: display.invert !== monochrome1,
  });
  let { width, height } = rendered;
  let pixels = rendered.data;
  for (let turn = 0; turn < display.rotation / 90; turn++) {
    const source = pixels;
    const [w, h] = [width, height];
    // 90 degrees clockwise: the new row r, column c is the old row h - 1 - c, column r.
    pixels = new Uint8Array(w * h).map(
      (_, i) => source[(h - 1 - (i % h)) * w + Math.floor(i / h)]!,
    );
    [width, height] = [h, w];
  }
  if (display.flip) {
    const source = pixels;
    pixels = source.map((_, i) => source[i - (i % width) + (width - 1 - (i % width))]!);
  }
  return { width, height, pixels };
}

/** Ours minus DCMTK's, counted by value (DCMTK truncates where we round: 0 or 1 apart). */
function differences(
  ours: { width: number; height: number; pixels: Uint8Array },
  theirs: DcmtkRendering,
) {
  expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
  const counts = new Map<number, number>();
  ours.pixels.forEach((value, i) => {
    const d = value - theirs.pixels[i]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  });
  return counts;
}

function expectSameImage(ours: Awaited<ReturnType<typeof ourRendering>>, theirs: DcmtkRendering) {
  const counts = differences(ours, theirs);
  expect([...counts.keys()].every((d) => Math.abs(d) <= 1)).toBe(true);
  expect(counts.get(0)!).toBeGreaterThan(ours.pixels.length * 0.4);
  expect(new Set(theirs.pixels).size).toBeGreaterThan(20);
}

/** The lines of dcmp2pgm's dump that say `name: value`. */
function dumped(dump: string, name: string): string | null {
  const line = dump.split('\n').find((one) => one.includes(`${name}: `));
  return line ? line.slice(line.indexOf(`${name}: `) + name.length + 2).trim() : null;
}

describe('readPresentationState vs dcmp2pgm -v', () => {
  const file = presentationState(dir, 'chest-findings', [chest], {
    ...findingsAnnotations,
    '(0070,0042)': '90',
    '(0070,0041)': 'Y',
  });
  const theirs = dcmtkRendering(file, chest);
  const state = stateIn(file);

  it('reads the label, creator, window, sense, rotation and flip DCMTK reads', () => {
    expect(dumped(theirs.dump, 'Presentation Label')).toBe(state.label);
    expect(state.label).toBe('FINDINGS');
    expect(dumped(theirs.dump, 'Presentation Description')).toBe(state.description);
    expect(dumped(theirs.dump, "Presentation Creator's Name")).toBe(state.creator);
    const window = state.windows[0]!;
    expect(dumped(theirs.dump, 'VOI transformation')).toBe(
      `window center=${window.center} width=${window.width} description="(none)"`,
    );
    expect(dumped(theirs.dump, 'Rotation')).toBe(`${state.rotation} degrees`);
    expect(dumped(theirs.dump, 'Flip')).toBe(state.flip ? 'yes' : 'no');
    expect(state.lutShape).toBe('INVERSE');
    expect(state.images).toEqual([
      { sopInstanceUID: str(parse(chest).dataSet, TAG.SOPInstanceUID), frames: [] },
    ]);
  });

  it('reads every layer, text and graphic DCMTK reads, in its order', () => {
    const layers = [...theirs.dump.matchAll(/Graphic Layer #\d+ \[(.*)\]/g)].map((m) => m[1]);
    expect(state.layers.map((layer) => layer.name)).toEqual(['ARROWS', 'OUTLINES']);
    expect([...state.layers].sort((a, b) => a.order - b.order).map((l) => l.name)).toEqual(layers);
    const texts = [...theirs.dump.matchAll(/text \d+: "(.*)"/g)].map((m) => m[1]);
    expect(state.annotations.flatMap((a) => a.texts.map((t) => t.text))).toEqual(texts);
    const text = state.annotations[0]!.texts[0]!;
    expect(theirs.dump).toContain(
      `anchor point: ${text.anchor!.point.join('\\')} units=pixel visible=yes`,
    );
    expect(theirs.dump).toContain(
      `bounding box: TLHC=${text.box!.topLeft.join('\\')} BRHC=${text.box!.bottomRight.join('\\')} units=pixel justification=left`,
    );
    const graphics = [
      ...theirs.dump.matchAll(
        /graphic \d+: points=(\d+) type=(\w+) filled=(\w+) units=(\w+)\s+I:\s+coordinates: (.*)/g,
      ),
    ].map(([, count, type, filled, units, coordinates]) => ({
      count: Number(count),
      type: type!.toUpperCase(),
      filled: filled === 'yes',
      units: units!.toUpperCase(),
      points: coordinates!
        .split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => pair.split('\\').map((value) => Math.fround(Number(value)))),
    }));
    expect(graphics).toHaveLength(3);
    expect(state.annotations.flatMap((a) => a.graphics)).toEqual(
      graphics.map(({ count: _, ...graphic }) => graphic),
    );
  });

  it('reads the layer colours the file recommends', () => {
    // CIELab 34866\53484\50171 is sRGB red (255, 0, 0) as PS3.3 C.10.7.1.1 scales it.
    expect(state.layers.map((layer) => layer.colour)).toEqual([
      'rgb(255, 0, 0)',
      'rgb(255, 255, 255)',
    ]);
  });

  it('shows the radiograph as dcmp2pgm renders it: its window, INVERSE, turned, then flipped', async () => {
    const display = displayOf(state, chest)!;
    expect(display).toMatchObject({ invert: true, rotation: 90, flip: true, notApplied: [] });
    expectSameImage(await ourRendering(chest, display), theirs);
  });

  it('reads none in an image, a report or a PDF', () => {
    expect(readPresentationState(parse(chest))).toBeNull();
    expect(
      readPresentationState(parse(path.join(sharedDicomDir, 'cornerstone3D', 'no-pixel-data.dcm'))),
    ).toBeNull();
  });
});

describe('presentationOn vs dcmp2pgm', () => {
  it('moves a window stated in the state’s own rescale to the image’s (CT, INVERSE)', async () => {
    // The state says stored values: window 1064/400 at slope 1, intercept 0 is 40/400 in HU.
    const file = presentationState(dir, 'ct-stored-units', [ct[0]!], {
      '(0028,1052)': '0',
      '(0028,3110)[0].(0028,1050)': '1064',
      '(2050,0020)': 'INVERSE',
      '(0070,0042)': '180',
      '(0070,0041)': 'N',
    });
    const display = displayOf(stateIn(file), ct[0]!)!;
    expect(display.window).toEqual({ center: 40, width: 400, fn: 'LINEAR' });
    expect(display.invert).toBe(true);
    expectSameImage(await ourRendering(ct[0]!, display), dcmtkRendering(file, ct[0]!));
  });

  it('spreads every storable value from black to white on an image no window applies to', async () => {
    // dcmpsmk's window item names the first CT image only.
    const file = presentationState(dir, 'ct-two-images', ct);
    const state = stateIn(file);
    expect(state.images).toHaveLength(2);
    const second = displayOf(state, ct[1]!)!;
    expect(second.window).toEqual({ center: -1024.5, width: 65535, fn: 'LINEAR_EXACT' });
    const theirs = dcmtkRendering(file, ct[1]!);
    expect(dumped(theirs.dump, 'VOI transformation')).toBe('none');
    const ours = await ourRendering(ct[1]!, second);
    expect([...differences(ours, theirs).keys()].every((d) => Math.abs(d) <= 1)).toBe(true);
    expect(displayOf(state, ct[0]!)!.window).toEqual({ center: 40, width: 400, fn: 'LINEAR' });
  });

  it('reads a window of no width as none: the full stored range, not a broken window', () => {
    const file = presentationState(dir, 'ct-no-width', [ct[0]!], {
      '(0028,3110)[0].(0028,1051)': '0',
    });
    const state = stateIn(file);
    expect(state.windows).toEqual([]);
    expect(displayOf(state, ct[0]!)!.window).toEqual({
      center: -1024.5,
      width: 65535,
      fn: 'LINEAR_EXACT',
    });
  });

  it('applies to the images and frames it names only', () => {
    const file = presentationState(dir, 'ct-first', [ct[0]!], {
      '(0008,1115)[0].(0008,1140)[0].(0008,1160)': '2',
    });
    const state = stateIn(file);
    const dicom = parse(ct[0]!);
    const target = {
      sopInstanceUID: str(dicom.dataSet, TAG.SOPInstanceUID)!,
      columns: 512,
      rows: 512,
      rescale: { slope: 1, intercept: -1024 },
      bitsStored: 16,
      signed: true,
    };
    expect(presentationOn(state, { ...target, frame: 2 })).not.toBeNull();
    expect(presentationOn(state, { ...target, frame: 1 })).toBeNull();
    expect(displayOf(state, ct[1]!)).toBeNull();
  });

  it('draws each annotation on the images it names, by layer order, and says what it does not apply', () => {
    const file = presentationState(dir, 'ct-annotated', ct, {
      ...findingsAnnotations,
      '(0070,0001)[0].(0008,1140)[0].(0008,1155)': str(parse(ct[1]!).dataSet, TAG.SOPInstanceUID)!,
      '(0070,005a)[0].(0070,0052)': '101\\101',
      '(0018,1600)': 'RECTANGULAR',
    });
    const state = stateIn(file);
    const first = displayOf(state, ct[0]!)!;
    const second = displayOf(state, ct[1]!)!;
    expect(first.layers.map((layer) => layer.name)).toEqual(['OUTLINES']);
    expect(second.layers.map((layer) => layer.name)).toEqual(['OUTLINES', 'ARROWS']);
    expect(second.layers[1]!.texts[0]!.text).toBe('Opacity');
    expect(first.notApplied).toEqual([
      'a display shutter',
      'a displayed area smaller than the image',
    ]);
  });
});
