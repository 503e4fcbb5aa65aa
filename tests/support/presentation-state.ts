/**
 * Grayscale Softcopy Presentation States as a workstation stores them: made by DCMTK's dcmpsmk
 * for given images (their first window, the MONOCHROME1 sense as INVERSE), then given a label,
 * a flip, a rotation, annotations and so on by dcmodify, element by element. And DCMTK's own
 * reading of one: `dcmp2pgm -v` dumps what it applies, and renders the image through it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** dcmodify insertions, `(gggg,eeee)[0].(gggg,eeee)` path to value. */
export type Insertions = Record<string, string>;

/** Two layers, a circle, an interpolated curve and a filled polyline, a text with an anchor. */
export const findingsAnnotations: Insertions = {
  '(0070,0080)': 'FINDINGS',
  '(0070,0081)': 'Right lower lobe opacity',
  '(0070,0084)': 'Reader^Anna',
  '(0070,0060)[0].(0070,0002)': 'ARROWS',
  '(0070,0060)[0].(0070,0062)': '2',
  '(0070,0060)[0].(0070,0401)': '34866\\53484\\50171',
  '(0070,0060)[1].(0070,0002)': 'OUTLINES',
  '(0070,0060)[1].(0070,0062)': '1',
  '(0070,0060)[1].(0070,0066)': '65535',
  '(0070,0001)[0].(0070,0002)': 'ARROWS',
  '(0070,0001)[0].(0070,0008)[0].(0070,0006)': 'Opacity',
  '(0070,0001)[0].(0070,0008)[0].(0070,0003)': 'PIXEL',
  '(0070,0001)[0].(0070,0008)[0].(0070,0010)': '200\\200',
  '(0070,0001)[0].(0070,0008)[0].(0070,0011)': '280\\220',
  '(0070,0001)[0].(0070,0008)[0].(0070,0012)': 'LEFT',
  '(0070,0001)[0].(0070,0008)[0].(0070,0004)': 'PIXEL',
  '(0070,0001)[0].(0070,0008)[0].(0070,0014)': '300\\310',
  '(0070,0001)[0].(0070,0008)[0].(0070,0015)': 'Y',
  '(0070,0001)[1].(0070,0002)': 'OUTLINES',
  '(0070,0001)[1].(0070,0009)[0].(0070,0005)': 'PIXEL',
  '(0070,0001)[1].(0070,0009)[0].(0070,0020)': '2',
  '(0070,0001)[1].(0070,0009)[0].(0070,0021)': '2',
  '(0070,0001)[1].(0070,0009)[0].(0070,0022)': '300\\310\\340\\310',
  '(0070,0001)[1].(0070,0009)[0].(0070,0023)': 'CIRCLE',
  '(0070,0001)[1].(0070,0009)[0].(0070,0024)': 'N',
  '(0070,0001)[1].(0070,0009)[1].(0070,0005)': 'DISPLAY',
  '(0070,0001)[1].(0070,0009)[1].(0070,0020)': '2',
  '(0070,0001)[1].(0070,0009)[1].(0070,0021)': '3',
  '(0070,0001)[1].(0070,0009)[1].(0070,0022)': '0.1\\0.1\\0.2\\0.15\\0.3\\0.1',
  '(0070,0001)[1].(0070,0009)[1].(0070,0023)': 'INTERPOLATED',
  '(0070,0001)[1].(0070,0009)[1].(0070,0024)': 'N',
  '(0070,0001)[1].(0070,0009)[2].(0070,0005)': 'PIXEL',
  '(0070,0001)[1].(0070,0009)[2].(0070,0020)': '2',
  '(0070,0001)[1].(0070,0009)[2].(0070,0021)': '4',
  '(0070,0001)[1].(0070,0009)[2].(0070,0022)': '100\\100\\140\\100\\140\\130\\100\\100',
  '(0070,0001)[1].(0070,0009)[2].(0070,0023)': 'POLYLINE',
  '(0070,0001)[1].(0070,0009)[2].(0070,0024)': 'Y',
};

/**
 * `dir/<name>.dcm`: dcmpsmk's presentation state for `images` (their first window, +Vw), then
 * `insertions` made and `erasures` (paths) erased by dcmodify.
 */
export function presentationState(
  dir: string,
  name: string,
  images: string[],
  insertions: Insertions = {},
  erasures: string[] = [],
): string {
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${name}.dcm`);
  execFileSync('dcmpsmk', ['-q', '+Vw', ...images, out]);
  const args = [
    ...Object.entries(insertions).flatMap(([at, value]) => ['-i', `${at}=${value}`]),
    ...erasures.flatMap((at) => ['-e', at]),
  ];
  if (args.length > 0) execFileSync('dcmodify', ['-nb', '-q', ...args, out]);
  return out;
}

export interface DcmtkRendering {
  /** What `dcmp2pgm -v` prints of the state (its "DUMPING PRESENTATION STATE" section). */
  dump: string;
  width: number;
  height: number;
  /** The image through the state, 8 bits, row by row. */
  pixels: Uint8Array;
}

/** DCMTK's dcmp2pgm: `image` (frame 1) through the presentation state `state`. */
export function dcmtkRendering(state: string, image: string): DcmtkRendering {
  const out = `${state}.${path.basename(image)}.pgm`;
  // dcmp2pgm logs its dump (level info) to stderr.
  const run = spawnSync('dcmp2pgm', ['-v', '-p', state, image, out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dcmp2pgm failed on ${image}: ${run.stderr}`);
  const dump = run.stderr;
  const pgm = readFileSync(out);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error(`dcmp2pgm wrote no 8-bit PGM for ${image}`);
  const [whole, width, height] = header;
  return {
    dump,
    width: Number(width),
    height: Number(height),
    pixels: new Uint8Array(pgm.subarray(whole.length)),
  };
}
