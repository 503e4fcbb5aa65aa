/**
 * Multiplanar reformats (MPR) of the demo chest CT (48 axial slices, 5 mm apart, 1.4 mm pixels),
 * uploaded through the worklist. Each pane's canvas is read back and compared with the plane cut
 * from the volume of modality values DCMTK reads from the same files (`dcmdump`), in the
 * radiological convention: axial with the patient's right on the left and anterior up; coronal
 * with the right on the left and superior up; sagittal with anterior on the left and superior up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { dcmtkModalityValues } from '../imaging/dcmtk-modality';
import { repoRoot, sharedDicomDir, workDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { holdViewerChunk, viewportOf, viewportReady } from './support/viewer';

const demoDir = path.join(workDir, 'e2e-reformat');
const ctDir = path.join(demoDir, 'ct-chest');
const crChest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const paChest = path.join(sharedDicomDir, 'pydicom-data', 'RG1_J2KI.dcm');
/** A Legacy Converted Enhanced CT (patient "Anonymous"): 3 frames of 23 x 38, a mask in frame 2. */
const ctMultiFrame = path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'multiframe', 'mf.dcm');

const SIZE = 256;
const SLICES = 48;
/** The lung preset ("2"): air is grey there, so the volume's extent stands out from the black around it. */
const LUNG = { lower: -600 - 750, upper: -600 + 750 };
/** The soft-tissue preset ("1"). */
const SOFT_TISSUE = { lower: 40 - 200, upper: 40 + 200 };

type Window = typeof LUNG;

interface Volume {
  /** HU, x fastest, then y, then slices from the lowest z. */
  hu: Float64Array;
}

function positionZ(file: string): number {
  const run = spawnSync('dcmdump', ['+P', '0020,0032', file], { encoding: 'utf8' });
  return Number(/\[([^\]]+)\]/.exec(run.stdout)![1]!.split('\\')[2]);
}

function dcmtkVolume(files: string[]): Volume {
  const byZ = [...files].sort((a, b) => positionZ(a) - positionZ(b));
  const hu = new Float64Array(SIZE * SIZE * SLICES);
  byZ.forEach((file, k) => hu.set(dcmtkModalityValues(file).hu, k * SIZE * SIZE));
  return { hu };
}

const voxel = (v: Volume, x: number, y: number, k: number) => v.hu[(k * SIZE + y) * SIZE + x]!;

function grey(hu: number, window: Window): number {
  return Math.max(0, Math.min(255, ((hu - window.lower) / (window.upper - window.lower)) * 255));
}

/**
 * A plane of the volume as the pane should show it: `columns` x `rows` voxels, each the mean of
 * the voxels `at(u, v)` names (two when the plane lies between two voxel planes).
 */
function plane(
  columns: number,
  rows: number,
  at: (u: number, v: number) => number[],
  window: Window = LUNG,
): number[][] {
  return Array.from({ length: rows }, (_, v) =>
    Array.from({ length: columns }, (_, u) => {
      const values = at(u, v);
      return grey(values.reduce((a, b) => a + b, 0) / values.length, window);
    }),
  );
}

/**
 * The pane's canvas: the lit rectangle (the volume's extent), unless `known` gives it (on a
 * window where air is black), and the grey at the centre of each of its `columns` x `rows` cells.
 */
interface Box {
  left: number;
  top: number;
  boxWidth: number;
  boxHeight: number;
}

function paneSamples(pane: Locator, columns: number, rows: number, known: Box | null = null) {
  return pane
    .locator('canvas')
    .first()
    .evaluate(
      (element, { columns, rows, known }) => {
        const canvas = element as HTMLCanvasElement;
        const { data, width, height } = canvas
          .getContext('2d')!
          .getImageData(0, 0, canvas.width, canvas.height);
        const lum = (x: number, y: number) => {
          const at = (y * width + x) * 4;
          return (data[at]! + data[at + 1]! + data[at + 2]!) / 3;
        };
        let left = width;
        let right = -1;
        let top = height;
        let bottom = -1;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            if (lum(x, y) <= 20) continue;
            left = Math.min(left, x);
            right = Math.max(right, x);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
        }
        if (known) ({ left, top } = known);
        const boxWidth = known ? known.boxWidth : right - left + 1;
        const boxHeight = known ? known.boxHeight : bottom - top + 1;
        const grid = Array.from({ length: rows }, (_, v) =>
          Array.from({ length: columns }, (_, u) =>
            lum(
              Math.floor(left + ((u + 0.5) / columns) * boxWidth),
              Math.floor(top + ((v + 0.5) / rows) * boxHeight),
            ),
          ),
        );
        return { aspect: boxWidth / boxHeight, grid, box: { left, top, boxWidth, boxHeight } };
      },
      { columns, rows, known },
    );
}

/** Mean absolute difference over the cells away from the border (edges blur between cells). */
function difference(a: number[][], b: number[][]): number {
  let sum = 0;
  let count = 0;
  for (let v = 1; v < a.length - 1; v++) {
    for (let u = 1; u < a[v]!.length - 1; u++) {
      sum += Math.abs(a[v]![u]! - b[v]![u]!);
      count += 1;
    }
  }
  return sum / count;
}

/** The best of the planes that could lie at the pane's centre (between two voxel planes or on one). */
function bestOf(shown: number[][], candidates: number[][][]): number {
  return Math.min(...candidates.map((candidate) => difference(shown, candidate)));
}

const flipVertical = (image: number[][]) => [...image].reverse();
const flipHorizontal = (image: number[][]) => image.map((row) => [...row].reverse());

/**
 * The pane shows one of `planes` (grey levels off by under 6 of 255 on average), and where the
 * plane differs from its mirror image (up-down, left-right), the mirror image matches at least
 * twice as badly: the test tells up from down and left from right wherever the anatomy does.
 */
function expectPlane(name: string, shown: number[][], planes: number[][][]): void {
  const errors = planes.map((candidate) => difference(shown, candidate));
  const error = Math.min(...errors);
  expect(error, name).toBeLessThan(6);
  const best = planes[errors.indexOf(error)]!;
  let checked = 0;
  for (const flip of [flipVertical, flipHorizontal]) {
    if (difference(best, flip(best)) < 2 * error) continue;
    expect(bestOf(shown, planes.map(flip)), `${name} mirrored`).toBeGreaterThan(2 * error);
    checked += 1;
  }
  expect(checked, `${name}: mirror images checked`).toBeGreaterThan(0);
}

/** Opens a study from the worklist, by its patient's name. */
async function openFromWorklist(page: Page, patient: RegExp): Promise<void> {
  await page.goto('/worklist');
  await page.getByRole('link', { name: patient }).first().click();
  await viewportReady(page);
}

async function openStudy(page: Page, patient: RegExp): Promise<void> {
  await signIn(page, radiologist, '/worklist');
  await openFromWorklist(page, patient);
}

/** The orientation markers at the edges of the stack viewport. */
async function stackMarkers(page: Page) {
  const overlay = page.getByRole('group', { name: 'Image overlay' });
  return markersIn(overlay);
}

/** Read in one round trip: eight, on a loaded machine, outlasted the poll (CI under load). */
async function markersIn(scope: Locator) {
  return scope.evaluate((element) =>
    Object.fromEntries(
      ['top', 'bottom', 'left', 'right'].map((edge) => [
        edge,
        element.querySelector(`[data-edge=${edge}]`)?.textContent ?? '',
      ]),
    ),
  );
}

/**
 * The demo CT's reformats, opened from the stack on the lung window (air is grey there, so a
 * pane's lit box is the volume's extent); their first rendering is what a test reads back (a
 * pane first drawn without the window once slipped through), and DCMTK's volume of the CT.
 */
/**
 * Opens the demo CT on the lung window at its image `atImage` (1-based, from the head), then MPR
 * with `m`, and `keys` in the same task as `m`: a fast typist's, before React renders again or
 * the volume is built.
 */
async function openCtReformats(page: Page, keys: string[] = [], atImage = 1) {
  await openStudy(page, /PHANTOM/);
  const volume = dcmtkVolume(readdirSync(ctDir).map((name) => path.join(ctDir, name)));
  const toolbar = page.getByRole('toolbar', { name: 'Viewer tools' });
  await expect(toolbar.getByRole('button', { name: 'MPR' })).toBeEnabled();
  await viewportOf(page).focus();
  await page.keyboard.press('2');
  for (let k = 1; k < atImage; k++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('slice-indicator')).toHaveText(`Image ${atImage} / ${SLICES}`);
  await page.evaluate((keys) => {
    for (const key of ['m', ...keys]) {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }
  }, keys);
  const reformats = page.getByRole('group', { name: 'Reformats' });
  await expect(reformats).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  return { volume, toolbar, reformats };
}

// The demo CT, a CR chest without Patient Orientation, a PA chest (RG1, L\F) and a multi-frame
// CT, uploaded once.
test.beforeAll(async ({ browser }) => {
  rmSync(demoDir, { recursive: true, force: true });
  execFileSync(process.execPath, ['bin/secondlook.mjs', 'demo', '--out', demoDir], {
    cwd: repoRoot,
  });
  const page = await browser.newPage();
  await signIn(page, radiologist, '/worklist');
  const files = [
    ...readdirSync(ctDir).map((name) => path.join(ctDir, name)),
    crChest,
    paChest,
    ctMultiFrame,
  ];
  await page.getByLabel('DICOM files').setInputFiles(files);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(files.length + 1, { timeout: 120_000 });
  await page.close();
});

test('MPR shows the CT as axial, coronal and sagittal reformats of the right voxels', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Opened from the stack's image 13 (from the head): the axial pane shows that slice.
  const { volume, toolbar, reformats } = await openCtReformats(page, [], 13);
  const mpr = toolbar.getByRole('button', { name: 'MPR' });
  await expect(mpr).toHaveAttribute('aria-pressed', 'true');
  // Measuring is on acquired images only: the measuring tools wait while the reformats show.
  await expect(toolbar.getByRole('button', { name: 'Length' })).toBeDisabled();
  await expect(toolbar.getByRole('button', { name: 'Flip H' })).toBeDisabled();

  // One window for the three panes.
  await expect(reformats.getByTestId('reformat-window')).toContainText('W 1500 L -600');
  await expect(reformats.getByTestId('axial-slice')).toContainText(`/ ${SLICES}`);
  await expect(reformats.getByTestId('coronal-slice')).toContainText(`/ ${SIZE}`);
  await expect(reformats.getByTestId('sagittal-slice')).toContainText(`/ ${SIZE}`);
  await page.screenshot({ path: 'test-results/e2e/steps/reformat-lung.png' });
  const letters = (plane: string) =>
    markersIn(reformats.getByLabel(`${plane} orientation`, { exact: true }));
  expect(await letters('Axial')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
  expect(await letters('Coronal')).toEqual({ top: 'H', bottom: 'F', left: 'R', right: 'L' });
  expect(await letters('Sagittal')).toEqual({ top: 'H', bottom: 'F', left: 'A', right: 'P' });

  const centre = [SIZE / 2 - 1, SIZE / 2];
  const superiorFirst = (v: number) => SLICES - 1 - v;
  const pane = (name: string) => reformats.getByRole('img', { name: `${name} reformat` });

  // Sagittal: y across (anterior on the left), superior up; 358.4 x 240 mm.
  const sagittal = await paneSamples(pane('Sagittal'), SIZE, SLICES);
  expect(sagittal.aspect).toBeCloseTo((SIZE * 1.4) / (SLICES * 5), 1);
  expectPlane(
    'sagittal',
    sagittal.grid,
    [[centre[0]!], [centre[1]!], centre].map((xs) =>
      plane(SIZE, SLICES, (y, v) => xs.map((x) => voxel(volume, x, y, superiorFirst(v)))),
    ),
  );

  // Coronal: x across (the patient's right on the left), superior up.
  const coronal = await paneSamples(pane('Coronal'), SIZE, SLICES);
  expect(coronal.aspect).toBeCloseTo((SIZE * 1.4) / (SLICES * 5), 1);
  expectPlane(
    'coronal',
    coronal.grid,
    [[centre[0]!], [centre[1]!], centre].map((ys) =>
      plane(SIZE, SLICES, (x, v) => ys.map((y) => voxel(volume, x, y, superiorFirst(v)))),
    ),
  );

  // Axial: the acquired slice the stack showed (image 13 from the head is the 36th from the feet,
  // DCMTK's k = 35), x across (the patient's right on the left), anterior up; not the middle one.
  await expect(reformats.getByTestId('axial-slice')).toHaveText(`13 / ${SLICES}`);
  const axial = await paneSamples(pane('Axial'), SIZE, SIZE);
  expect(axial.aspect).toBeCloseTo(1, 1);
  const axialAt = (k: number) => plane(SIZE, SIZE, (x, y) => [voxel(volume, x, y, k)]);
  expectPlane('axial', axial.grid, [axialAt(SLICES - 13)]);
  expect(difference(axial.grid, axialAt(SLICES / 2))).toBeGreaterThan(
    2 * difference(axial.grid, axialAt(SLICES - 13)),
  );

  // Crosshairs: a click on the right lung in the axial pane (off both lines, which a click would
  // pick up instead) brings the sagittal and coronal planes through that point.
  await page.keyboard.press('x');
  await expect(toolbar.getByRole('button', { name: 'Crosshairs' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const target = { x: 64, y: 100 };
  const sagittalBefore = await pane('Sagittal').getAttribute('data-slice');
  const { box } = axial;
  await pane('Axial').click({
    position: {
      x: box.left + ((target.x + 0.5) / SIZE) * box.boxWidth,
      y: box.top + ((target.y + 0.5) / SIZE) * box.boxHeight,
    },
  });
  await expect(pane('Sagittal')).not.toHaveAttribute('data-slice', sagittalBefore ?? '');
  // A click moves the planes; it does not tilt them.
  await expect(reformats.getByText(/oblique/)).toHaveCount(0);
  const near = (at: number) => [[at], [at - 1, at], [at, at + 1]];
  expectPlane(
    'sagittal through the click',
    (await paneSamples(pane('Sagittal'), SIZE, SLICES)).grid,
    near(target.x).map((xs) =>
      plane(SIZE, SLICES, (y, v) => xs.map((x) => voxel(volume, x, y, superiorFirst(v)))),
    ),
  );
  expectPlane(
    'coronal through the click',
    (await paneSamples(pane('Coronal'), SIZE, SLICES)).grid,
    near(target.y).map((ys) =>
      plane(SIZE, SLICES, (x, v) => ys.map((y) => voxel(volume, x, y, superiorFirst(v)))),
    ),
  );
  await page.screenshot({ path: 'test-results/e2e/steps/reformat-crosshairs.png' });
  // Reset brings the planes back through the centre.
  await page.keyboard.press('r');
  await expect(pane('Sagittal')).toHaveAttribute('data-slice', sagittalBefore ?? '');
  await page.keyboard.press('v');

  // MIP: the sagittal pane shows the brightest voxel of the 10 mm slab about its plane (x 124 to
  // 131 at 1.4 mm), which holds the edge of the aorta (180 HU) that the plane itself only grazes.
  await page.keyboard.press('1');
  await page.keyboard.press('b');
  await expect(toolbar.getByRole('button', { name: 'MIP' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(reformats.getByTestId('reformat-projection')).toHaveText(/MIP 10 mm/);
  const slab = [124, 125, 126, 127, 128, 129, 130, 131];
  const mip = (await paneSamples(pane('Sagittal'), SIZE, SLICES, sagittal.box)).grid;
  const expectedMip = plane(
    SIZE,
    SLICES,
    (y, v) => [Math.max(...slab.map((x) => voxel(volume, x, y, superiorFirst(v))))],
    SOFT_TISSUE,
  );
  const planes = [[centre[0]!], [centre[1]!], centre].map((xs) =>
    plane(
      SIZE,
      SLICES,
      (y, v) => xs.map((x) => voxel(volume, x, y, superiorFirst(v))),
      SOFT_TISSUE,
    ),
  );
  const mipError = difference(mip, expectedMip);
  expect(mipError).toBeLessThan(6);
  expect(bestOf(mip, planes)).toBeGreaterThan(2 * mipError);
  await page.screenshot({ path: 'test-results/e2e/steps/reformat-mip.png' });
  await page.keyboard.press('b');
  await expect(reformats.getByTestId('reformat-projection')).toHaveCount(0);
  const after = (await paneSamples(pane('Sagittal'), SIZE, SLICES, sagittal.box)).grid;
  expect(difference(after, expectedMip)).toBeGreaterThan(2 * bestOf(after, planes));

  // Keys scroll the pane last clicked; Escape brings the stack back.
  const sagittalPane = reformats.getByRole('img', { name: 'Sagittal reformat' });
  const before = Number(await sagittalPane.getAttribute('data-slice'));
  await sagittalPane.click();
  await page.keyboard.press('ArrowDown');
  await expect(sagittalPane).not.toHaveAttribute('data-slice', String(before));
  // The reformat's mouse tool is its own: the stack's window/level is back with the stack.
  await page.keyboard.press('x');
  await page.keyboard.press('Escape');
  await expect(reformats).toHaveCount(0);
  const pressed = (name: string) => toolbar.getByRole('button', { name, exact: true });
  await expect(pressed('Window/level')).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed('Crosshairs')).toHaveAttribute('aria-pressed', 'false');
  await expect(mpr).toHaveAttribute('aria-pressed', 'false');
  await expect(toolbar.getByRole('button', { name: 'Length' })).toBeEnabled();
  await expect(toolbar.getByRole('button', { name: 'Crosshairs' })).toBeDisabled();
  await expect(toolbar.getByRole('button', { name: 'MIP' })).toBeDisabled();
});

test('a mouse tool, MPR and MIP pressed before the stack shows all count once it does', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  const href = await page
    .getByRole('link', { name: /PHANTOM/ })
    .first()
    .getAttribute('href');
  const held = await holdViewerChunk(page);
  await page.goto(href!);
  await held.requested;
  const viewport = viewportOf(page);
  await expect(viewport).toBeFocused();
  // Zoom, then MPR with MIP, before there is a viewport: once dropped ("z"), or refused while
  // the series was loading ("m", and then "b" as for MPR only).
  for (const key of ['z', 'm', 'b']) await page.keyboard.press(key);
  await expect(viewport).toHaveAttribute('data-ready', 'false');
  held.release();
  const reformats = page.getByRole('group', { name: 'Reformats' });
  await expect(reformats).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(reformats.getByTestId('reformat-projection')).toHaveText(/MIP 10 mm/);
  // The reformat opened with the stack's tool, which "z" had made Zoom.
  const toolbar = page.getByRole('toolbar', { name: 'Viewer tools' });
  await expect(toolbar.getByRole('button', { name: 'Zoom', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('Escape');
  await expect(reformats).toHaveCount(0);
  await expect(toolbar.getByRole('button', { name: 'Zoom', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('MIP, MinIP and AvgIP over slabs of 20 to 50 mm: each pane shows its slab of DCMTK values', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // MIP over 20 mm ("]" twice from 10), asked for with "m": each key counts, though the reformat
  // has no controller yet and then no volume (they were dropped).
  const { volume, toolbar, reformats } = await openCtReformats(page, ['b', ']', ']']);
  const sagittalPane = reformats.getByRole('img', { name: 'Sagittal reformat' });
  const box = (await paneSamples(sagittalPane, SIZE, SLICES)).box;
  await page.keyboard.press('1');
  const sagittal = async () => (await paneSamples(sagittalPane, SIZE, SLICES, box)).grid;
  const projection = reformats.getByTestId('reformat-projection');
  const button = (name: string) => toolbar.getByRole('button', { name, exact: true });

  // The sagittal plane lies between voxels 127 and 128, 1.4 mm apart; a slab of S mm holds the
  // voxels within S/2 of it. `slab(S, f)` is the plane each voxel of which is f over its slab.
  const slab = (mm: number, reduce: (values: number[]) => number, window: Window) => {
    const xs = Array.from({ length: SIZE }, (_, x) => x).filter(
      (x) => Math.abs(x - 127.5) * 1.4 <= mm / 2,
    );
    const values = (y: number, v: number) => xs.map((x) => voxel(volume, x, y, SLICES - 1 - v));
    return plane(SIZE, SLICES, (y, v) => [reduce(values(y, v))], window);
  };
  const max = (values: number[]) => Math.max(...values);
  /** The plane itself: the mean of voxels 127 and 128, within 0.7 mm of it. */
  const thePlane = (window: Window) => slab(1.4, mean, window);
  const min = (values: number[]) => Math.min(...values);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  /** The pane matches `wanted` (under 6 grey levels) and each of `others` at least twice as badly. */
  const expectSlab = (
    name: string,
    shown: number[][],
    wanted: number[][],
    others: number[][][],
  ) => {
    const error = difference(shown, wanted);
    expect(error, name).toBeLessThan(6);
    for (const [k, other] of others.entries()) {
      expect(difference(shown, other), `${name} against alternative ${k + 1}`).toBeGreaterThan(
        2 * error,
      );
    }
  };

  // MIP over 20 mm: the aorta's edge, which the plane only grazes. The keys arrived in one task
  // with "m" (the slab steps once refused a "]" right after "b", too).
  await expect(projection).toHaveText(/MIP 20 mm/);
  await expect(button('MIP')).toHaveAttribute('aria-pressed', 'true');
  expectSlab('MIP 20 mm', await sagittal(), slab(20, max, SOFT_TISSUE), [thePlane(SOFT_TISSUE)]);

  // MinIP over 40 mm, on the lung window: the slab reaches the lungs either side of the
  // mediastinum, which a 20 mm slab does not. A slab of twice the thickness asked for (as
  // Cornerstone's own slab thickness is, either side of the plane) reaches far into them.
  await page.keyboard.press('2');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await page.keyboard.press('j');
  await expect(projection).toHaveText(/MinIP 40 mm/);
  await expect(button('MIP')).toHaveAttribute('aria-pressed', 'false');
  await expect(button('MinIP')).toHaveAttribute('aria-pressed', 'true');
  expectSlab('MinIP 40 mm', await sagittal(), slab(40, min, LUNG), [
    slab(20, min, LUNG),
    slab(80, min, LUNG),
  ]);

  // AvgIP over 50 mm: the mean of the slab, neither the plane nor twice the slab.
  await page.keyboard.press(']');
  await page.keyboard.press('k');
  await expect(projection).toHaveText(/AvgIP 50 mm/);
  expectSlab('AvgIP 50 mm', await sagittal(), slab(50, mean, LUNG), [
    thePlane(LUNG),
    slab(100, mean, LUNG),
  ]);
  await page.screenshot({ path: 'test-results/e2e/steps/reformat-avgip.png' });
  // 50 mm is the thickest; "[" steps back down.
  await page.keyboard.press(']');
  await expect(projection).toHaveText(/AvgIP 50 mm/);
  await page.keyboard.press('[');
  await expect(projection).toHaveText(/AvgIP 40 mm/);

  // Pressed again, a projection goes back to the plane, and the slab has nothing to change.
  await page.keyboard.press('k');
  await expect(projection).toHaveCount(0);
  await expect(button('AvgIP')).toHaveAttribute('aria-pressed', 'false');
  await expect(button('Slab +')).toBeDisabled();
  await expect(button('Slab +')).toHaveAttribute('title', /with MIP, MinIP or AvgIP only/);
  expectSlab('plane', await sagittal(), thePlane(LUNG), [slab(40, min, LUNG)]);
});

test('MPR of a multi-frame CT: its frames placed by their functional groups, against DCMTK', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  await page.goto('/worklist');
  await page.getByRole('link', { name: 'Anonymous', exact: true }).first().click();
  await viewportReady(page);
  const toolbar = page.getByRole('toolbar', { name: 'Viewer tools' });
  await expect(toolbar.getByRole('button', { name: 'MPR' })).toBeEnabled();
  await viewportOf(page).focus();
  // Opened from the stack's middle frame, the axial pane shows that frame.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 2 / 3');
  await page.keyboard.press('m');
  const reformats = page.getByRole('group', { name: 'Reformats' });
  await expect(reformats).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  // 3 frames 2.5 mm apart, 38 rows and 23 columns of 0.7 mm.
  await expect(reformats.getByTestId('axial-slice')).toHaveText('2 / 3');
  await expect(reformats.getByTestId('coronal-slice')).toContainText('/ 38');
  await expect(reformats.getByTestId('sagittal-slice')).toContainText('/ 23');
  // Inverted on the file's window (C 1, W 2: by PS3.3's linear function, 0 is black and 1
  // white), the background is white and the mask black, so the lit box is the volume's extent.
  await page.keyboard.press('i');
  await expect(reformats.getByTestId('reformat-window')).toContainText('W 2 L 1 (inverted)');
  const dcmtk = dcmtkModalityValues(ctMultiFrame);
  expect([dcmtk.frames, dcmtk.rows, dcmtk.columns]).toEqual([3, 38, 23]);
  const values = dcmtk.hu;
  const at = (x: number, y: number, k: number) => values[(k * 38 + y) * 23 + x]!;
  const linear = (v: number) => ((v - (1 - 0.5)) / (2 - 1) + 0.5) * 255;
  const inverted = (v: number) => 255 - Math.max(0, Math.min(255, linear(v)));
  const pane = (name: string) => reformats.getByRole('img', { name: `${name} reformat` });
  const axial = await paneSamples(pane('Axial'), 23, 38);
  expect(axial.aspect).toBeCloseTo(23 / 38, 1);
  // The middle frame (the mask) and not the others, which are empty.
  const grid = (k: number) =>
    Array.from({ length: 38 }, (_, y) =>
      Array.from({ length: 23 }, (_, x) => inverted(at(x, y, k))),
    );
  const error = difference(axial.grid, grid(1));
  expect(error).toBeLessThan(6);
  expect(difference(axial.grid, grid(0))).toBeGreaterThan(4 * error);
  // Sagittal through column 11: anterior on the left, the three frames from superior down.
  const sagittal = await paneSamples(pane('Sagittal'), 38, 3);
  const expected = [2, 1, 0].map((k) =>
    Array.from({ length: 38 }, (_, y) => inverted(at(11, y, k))),
  );
  const row = (image: number[][], v: number) =>
    image[v]!.reduce((sum, value, y) => sum + Math.abs(value - expected[v]![y]!), 0) / 38;
  expect(row(sagittal.grid, 1)).toBeLessThan(6);
  expect(row(sagittal.grid, 0)).toBeLessThan(6);
  await page.screenshot({ path: 'test-results/e2e/steps/reformat-multiframe.png' });
});

test('MPR is not offered for a single radiograph, and says why', async ({ page }) => {
  await openStudy(page, /^Anonymized$/);
  const mpr = page
    .getByRole('toolbar', { name: 'Viewer tools' })
    .getByRole('button', { name: 'MPR' });
  await expect(mpr).toBeDisabled();
  await expect(mpr).toHaveAttribute('title', /not for this series: 1 slice\(s\)/);
});

test('orientation markers follow flips and rotation: the CT, and a PA chest by its Patient Orientation', async ({
  page,
}) => {
  await openStudy(page, /PHANTOM/);
  const toolbar = page.getByRole('toolbar', { name: 'Viewer tools' });
  const asAcquired = { top: 'A', bottom: 'P', left: 'R', right: 'L' };
  await expect.poll(() => stackMarkers(page)).toEqual(asAcquired);
  await toolbar.getByRole('button', { name: 'Flip H' }).click();
  await expect.poll(() => stackMarkers(page)).toEqual({ ...asAcquired, left: 'L', right: 'R' });
  await toolbar.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => stackMarkers(page)).toEqual(asAcquired);
  // Turned a quarter clockwise, the patient's right is at the top.
  await toolbar.getByRole('button', { name: 'Rotate 90°' }).click();
  await expect
    .poll(() => stackMarkers(page))
    .toEqual({ top: 'R', bottom: 'L', left: 'P', right: 'A' });

  await openFromWorklist(page, /RG1/);
  await expect
    .poll(() => stackMarkers(page))
    .toEqual({ top: 'H', bottom: 'F', left: 'R', right: 'L' });
  await toolbar.getByRole('button', { name: 'Flip H' }).click();
  await expect
    .poll(() => stackMarkers(page))
    .toEqual({ top: 'H', bottom: 'F', left: 'L', right: 'R' });
  await page.screenshot({ path: 'test-results/e2e/steps/orientation-pa-chest-flipped.png' });

  // A radiograph that names no orientation gets no markers, not made-up ones.
  await openFromWorklist(page, /^Anonymized$/);
  expect(await stackMarkers(page)).toEqual({ top: '', bottom: '', left: '', right: '' });
});
