/**
 * A study with a reader's Grayscale Softcopy Presentation State (made by DCMTK's dcmpsmk and
 * dcmodify for its three CT images: the lung window, turned 90° clockwise and then flipped, two
 * layers of annotations): the study opens on the images as stored; the state's thumbnail says PR
 * and lists what it does; shown through it, the images have its window on every slice, the
 * orientation markers of the turned-then-flipped image, and its annotations drawn where the
 * image's pixels went; "Show without it" gives the images back as stored.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { workDir } from '../support/paths';
import { findingsAnnotations, presentationState } from '../support/presentation-state';
import { radiologist, signIn } from './support/users';
import { ctSeries, ownStudy } from './support/studies';
import { dragAcross, uploadAndOpen, viewportOf } from './support/viewer';

/** The CT under UIDs of its own, and a presentation state for its three images. */
function studyWithPresentationState(): string[] {
  const dir = 'e2e-study-with-presentation';
  const patient = { name: 'PRESENTED^IMAGES', id: 'PRESENTED-0001', studyUID: '2.25.6001' };
  const files = ownStudy(dir, patient, ctSeries('2.25.6002'));
  const state = presentationState(
    path.join(workDir, dir, 'pr'),
    'findings',
    files,
    {
      ...findingsAnnotations,
      '(0028,3110)[0].(0028,1050)': '-600',
      '(0028,3110)[0].(0028,1051)': '1500',
      '(0070,0042)': '90',
      '(0070,0041)': 'Y',
    },
    // The window item then applies to every image the state references, not the first only.
    ['(0028,3110)[0].(0008,1140)'],
  );
  return [...files, state];
}

async function markers(page: Page) {
  return page
    .getByRole('group', { name: 'Image overlay' })
    .evaluate((element) =>
      Object.fromEntries(
        ['top', 'bottom', 'left', 'right'].map((edge) => [
          edge,
          element.querySelector(`[data-edge=${edge}]`)?.textContent ?? '',
        ]),
      ),
    );
}

/** The points of a drawn path (`M x,y L x,y ...`). */
function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

test('a presentation state shows its images with its window, turn, flip and annotations', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  await uploadAndOpen(page, studyWithPresentationState(), 'PRESENTED, IMAGES');
  const window = page.getByTestId('window-indicator');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 3');
  await expect(window).toHaveText('W 400 L 40');
  const stored = { top: 'A', bottom: 'P', left: 'R', right: 'L' };
  expect(await markers(page)).toEqual(stored);

  const thumbnail = page
    .getByRole('navigation', { name: 'Series' })
    .getByRole('button')
    .filter({ hasText: '1 presentation state' });
  await expect(thumbnail.getByTestId('series-thumbnail')).toHaveText('PR');
  await thumbnail.click();
  const listed = page.getByRole('article', { name: 'Presentation state: FINDINGS' });
  await expect(listed).toContainText('Right lower lobe opacity');
  await expect(listed).toContainText('By Reader, Anna');
  await expect(listed).toContainText(
    '3 of its 3 images in this study: window W 1500 L -600, rotated 90° clockwise, flipped left to right, 1 text, 3 graphics.',
  );
  await expect(page.getByRole('button', { name: 'Invert' })).toBeDisabled();

  await listed.getByRole('button', { name: 'Show the images so' }).click();
  await expect(viewportOf(page)).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 3');
  await expect(window).toHaveText('W 1500 L -600');
  await expect(
    page.getByRole('status').filter({ hasText: 'Presentation state FINDINGS' }),
  ).toBeVisible();
  // Turned 90° clockwise (R to the top), then left and right swapped (A to the left).
  await expect.poll(() => markers(page)).toEqual({ top: 'R', bottom: 'L', left: 'A', right: 'P' });

  const drawn = page.getByRole('img', { name: 'Annotations of presentation state FINDINGS' });
  await expect(drawn.locator('text')).toHaveText(['Opacity']);
  await expect(drawn.locator('g[data-layer=ARROWS]')).toHaveAttribute('stroke', 'rgb(255, 0, 0)');
  const circle = drawn.locator('[data-type=CIRCLE]');
  await expect(circle).toHaveCount(1);
  // The text's anchor (300\310) is the circle's centre: its leader ends there.
  const leader = drawn.locator('g[data-layer=ARROWS] line');
  for (const [end, centre] of [
    ['x2', 'cx'],
    ['y2', 'cy'],
  ] as const) {
    const at = Number(await leader.getAttribute(end));
    expect(at).toBeCloseTo(Number(await circle.getAttribute(centre)), 1);
  }
  await expect(drawn.locator('[data-type=INTERPOLATED]')).toHaveCount(1);
  // The filled polyline 100\100, 140\100, 140\130: turned then flipped, pixel (x, y) shows where
  // (y, x) would, so its second corner is straight below the first and its third right of that.
  const polyline = drawn.locator('[data-type=POLYLINE]');
  await expect(polyline).not.toHaveAttribute('fill', 'none');
  const [first, second, third] = pathPoints((await polyline.getAttribute('d')) ?? '');
  expect(second![0]).toBeCloseTo(first![0], 0);
  expect(second![1]).toBeGreaterThan(first![1] + 10);
  expect(third![1]).toBeCloseTo(second![1], 0);
  expect(third![0]).toBeGreaterThan(second![0] + 10);

  // Every slice of the series is shown through it; a window the reader chooses on one stays
  // while the state gives the next the same.
  await viewportOf(page).press('ArrowDown');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 2 / 3');
  await expect(window).toHaveText('W 1500 L -600');
  await expect(drawn.locator('text')).toHaveText(['Opacity']);
  await page.getByRole('button', { name: 'Bone (4)' }).click();
  await expect(window).toHaveText('W 2500 L 480');
  await viewportOf(page).press('ArrowDown');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 3 / 3');
  await expect(window).toHaveText('W 2500 L 480');
  await expect.poll(() => markers(page)).toEqual({ top: 'R', bottom: 'L', left: 'A', right: 'P' });

  await page.getByRole('button', { name: 'Show without it' }).click();
  await expect(window).toHaveText('W 400 L 40');
  await expect.poll(() => markers(page)).toEqual(stored);
  await expect(drawn).toHaveCount(0);
  await expect(page.locator('.viewport-error')).toHaveCount(0);
});

test('a reader saves the view with a measurement, and the study shows it again as a presentation state', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  const patient = { name: 'SAVED^VIEW', id: 'SAVED-0001', studyUID: '2.25.6101' };
  await uploadAndOpen(
    page,
    ownStudy('e2e-saved-view', patient, ctSeries('2.25.6102')),
    'SAVED, VIEW',
  );
  const window = page.getByTestId('window-indicator');
  await page.getByRole('button', { name: 'Lung (2)' }).click();
  await page.getByRole('button', { name: 'Rotate 90°' }).click();
  await page.getByRole('button', { name: 'Flip H' }).click();
  await expect(window).toHaveText('W 1500 L -600');
  const turned = { top: 'R', bottom: 'L', left: 'A', right: 'P' };
  await expect.poll(() => markers(page)).toEqual(turned);
  await page.getByRole('button', { name: 'Length' }).click();
  await dragAcross(page, [0.4, 0.4], [0.6, 0.45]);
  await expect(page.getByRole('region', { name: 'Measurements', exact: true })).toContainText('mm');

  const panel = page.getByRole('region', { name: 'Save view' });
  await panel.getByLabel('Label').fill('lung key');
  await panel.getByLabel('Description').fill('Nodule, right upper lobe');
  const saved = page.waitForResponse((response) => response.url().endsWith('/presentation-states'));
  await panel.getByRole('button', { name: 'Save this view' }).click();
  expect((await saved).status()).toBe(201);
  await expect(panel.getByRole('status')).toHaveText('Saved as presentation state LUNG KEY.');
  // The study's series are read again to list it: the reader's view stays as it was.
  await expect(
    page
      .getByRole('navigation', { name: 'Series' })
      .getByRole('button')
      .filter({ hasText: 'LUNG KEY' }),
  ).toBeVisible();
  await expect(window).toHaveText('W 1500 L -600');
  expect(await markers(page)).toEqual(turned);

  // The viewer's own view is put back, so that what comes next is the state's doing.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(window).toHaveText('W 400 L 40');
  await expect.poll(() => markers(page)).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });

  const thumbnail = page
    .getByRole('navigation', { name: 'Series' })
    .getByRole('button')
    .filter({ hasText: '1 presentation state' });
  await thumbnail.click();
  const listed = page.getByRole('article', { name: 'Presentation state: LUNG KEY' });
  await expect(listed).toContainText('Nodule, right upper lobe');
  await expect(listed).toContainText(`By ${radiologist.username}`);
  await expect(listed).toContainText(
    '3 of its 3 images in this study: window W 1500 L -600, rotated 90° clockwise, flipped left to right, 1 text, 1 graphic.',
  );
  await listed.getByRole('button', { name: 'Show the images so' }).click();
  await expect(window).toHaveText('W 1500 L -600');
  await expect.poll(() => markers(page)).toEqual(turned);
  const drawn = page.getByRole('img', { name: 'Annotations of presentation state LUNG KEY' });
  await expect(drawn.locator('g[data-layer=MEASUREMENTS] [data-type=POLYLINE]')).toHaveCount(1);
  await expect(drawn.locator('text')).toHaveText([/^length \d+\.\d\d mm$/]);
});
