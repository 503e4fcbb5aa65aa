/**
 * A study that holds a PDF beside its images (a scanned requisition, an outside report, as a PACS
 * stores them: Encapsulated PDF): the study opens on the images; the document's thumbnail says
 * PDF; shown, it is the browser's own PDF viewer where the images were, fed the bytes DCMTK's
 * dcm2pdf takes out of the file, with a link to save it; the image tools are disabled and the AI
 * panel says the model reads images.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { workDir } from '../support/paths';
import { dcmtkPdf, encapsulatedPdf } from '../support/pdf-document';
import { radiologist, signIn } from './support/users';
import { ctSeries, ownStudy } from './support/studies';
import { uploadAndOpen } from './support/viewer';

/** The CT under UIDs of its own, for a patient of its own, and a PDF pdf2dcm put in its study. */
function studyWithDocument(): { files: string[]; document: string } {
  const dir = 'e2e-study-with-document';
  const patient = { name: 'DOCUMENT^WITH', id: 'DOCUMENT-0001', studyUID: '2.25.5001' };
  const files = ownStudy(dir, patient, ctSeries('2.25.5002'));
  const document = encapsulatedPdf(path.join(workDir, dir, 'pdf'), 'Outside report', files[0]);
  return { files: [...files, document], document };
}

test('a PDF stored with the images shows in the browser PDF viewer, the bytes dcm2pdf takes out', async ({
  page,
}) => {
  const { files, document } = studyWithDocument();
  await signIn(page, radiologist, '/worklist');
  await uploadAndOpen(page, files, 'DOCUMENT, WITH');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 3');
  const thumbnail = page
    .getByRole('navigation', { name: 'Series' })
    .getByRole('button')
    .filter({ hasText: '1 document' });
  await expect(thumbnail.getByTestId('series-thumbnail')).toHaveText('PDF');

  const served = page.waitForResponse((response) =>
    /\/api\/instances\/\d+\/document$/.test(response.url()),
  );
  await thumbnail.click();
  // What the page was given to show is what DCMTK takes out of the file.
  expect((await (await served).body()).equals(dcmtkPdf(document))).toBe(true);
  const shown = page.getByRole('article', { name: 'Document 1' });
  await expect(shown.locator('iframe')).toHaveAttribute('src', /^blob:/);
  // The browser's PDF viewer (an extension of its own) took the document.
  await expect
    .poll(() => page.frames().some((one) => one.url().startsWith('chrome-extension://')))
    .toBe(true);
  await expect(shown.getByRole('link', { name: 'Save the PDF' })).toHaveAttribute(
    'download',
    /^document-\d+\.pdf$/,
  );
  await expect(page.getByRole('button', { name: 'Invert' })).toBeDisabled();
  await expect(page.getByRole('complementary', { name: 'AI' })).toContainText(
    'A document is on screen: the model reads images',
  );
  await expect(page.locator('.viewport-error')).toHaveCount(0);
});
