/**
 * What the viewer reads of a stored instance besides its pixels, on both databases:
 * `GET /api/instances/:id/tags` (the tag browser), whose rows are those dcmdump prints for the
 * file that was imported (the patient's name and the nested items included), and
 * `GET /api/instances/:id/report`, a structured report's content tree as dsrdump reads it, a 404
 * for an image; and `GET /api/instances/:id/document`, an Encapsulated PDF's bytes as dcm2pdf
 * takes them out, served so that it is never a page of the site; and
 * `GET /api/instances/:id/presentation`, a presentation state as DCMTK made it, with the stored
 * image it applies to. Nothing is cached or logged; an unknown instance is a 404.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { main } from '../../bin/main';
import { importPaths, setStore } from '../../lib/store';
import { capture } from '../support/cli';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { dcmdumpRows } from '../support/dcmdump';
import { sharedDicomDir, workDir } from '../support/paths';
import { dcmtkPdf, encapsulatedPdf } from '../support/pdf-document';
import { findingsAnnotations, presentationState } from '../support/presentation-state';

const ct = path.join(sharedDicomDir, 'pydicom', 'CT_small.dcm');
/** OFFIS's Basic Text SR, a consultation report. */
const sr = path.join(sharedDicomDir, 'cornerstone3D', 'no-pixel-data.dcm');
const chest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const pdf = encapsulatedPdf(path.join(workDir, 'api-document'), 'Outside report', ct);
/** A reader's presentation state for the chest radiograph, in its study. */
const state = presentationState(path.join(workDir, 'api-presentation'), 'findings', [chest], {
  ...findingsAnnotations,
  '(0070,0042)': '270',
  '(0070,0041)': 'N',
});
const password = 'correct horse battery';

interface TagRow {
  tag: string;
  vr: string;
  keyword: string;
  depth: number;
  length: number | null;
  value: string;
}

interface ReportItem {
  relationship: string | null;
  valueType: string | null;
  concept: { meaning: string } | null;
  value: string;
  children: ReportItem[];
}

describe.each(databases)(
  'GET /api/instances/:id/tags, /report, /document and /presentation on %s',
  (kind) => {
    let store: TestStore;
    let session: ApiSession;
    let instanceId: number;
    let reportId: number;
    let documentId: number;
    let chestId: number;
    let aiReportId: number;
    let stateId: number;
    const logged = vi.fn();

    beforeAll(async () => {
      store = await freshStore(kind);
      setStore(store);
      await createUser(store.db, { username: 'auditor', role: 'auditor', password }, null);
      session = await login(store.db, { username: 'auditor', password, client: 'test' });
      const imported = await importPaths(store, [ct, sr, pdf], null);
      instanceId = imported.results[0]!.instanceId!;
      reportId = imported.results[1]!.instanceId!;
      documentId = imported.results[2]!.instanceId!;
      // The AI's report on the chest radiograph, in the radiograph's study.
      const aiReport = path.join(workDir, 'api-ai-report.dcm');
      expect(await main(['classify', chest, '--sr', aiReport, '--json'], capture())).toBe(0);
      const withReport = await importPaths(store, [chest, aiReport, state], null);
      chestId = withReport.results[0]!.instanceId!;
      aiReportId = withReport.results[1]!.instanceId!;
      stateId = withReport.results[2]!.instanceId!;
      for (const method of ['log', 'info', 'warn', 'error'] as const) {
        vi.spyOn(console, method).mockImplementation(logged);
      }
    });
    afterEach(() => expect(logged).not.toHaveBeenCalled());
    afterAll(async () => {
      vi.restoreAllMocks();
      setStore(undefined);
      await store.dispose();
    });

    it('lists the stored file element by element, as dcmdump reads the imported file', async () => {
      const response = await callRoute('GET', `/api/instances/${instanceId}/tags`, { session });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = (await response.json()) as {
        instanceId: number;
        transferSyntaxUID: string;
        truncated: boolean;
        rows: TagRow[];
      };
      expect(body).toMatchObject({
        instanceId,
        transferSyntaxUID: '1.2.840.10008.1.2.1',
        truncated: false,
      });
      const theirs = dcmdumpRows(ct);
      expect(body.rows.map((row) => [row.tag, row.depth])).toEqual(
        theirs.map((row) => [row.tag, row.depth]),
      );
      const row = (tag: string) => body.rows.find((one) => one.tag === tag);
      expect(row('(0010,0010)')).toMatchObject({
        vr: 'PN',
        keyword: 'PatientName',
        value: theirs.find((one) => one.tag === '(0010,0010)')!.value,
      });
      const nested = body.rows.filter((one) => one.depth === 2).map((one) => one.value);
      expect(nested).toEqual(theirs.filter((one) => one.depth === 2).map((one) => one.value));
    });

    it("gives a report's content tree, as dsrdump reads the imported file", async () => {
      const response = await callRoute('GET', `/api/instances/${reportId}/report`, { session });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = (await response.json()) as {
        instanceId: number;
        completionFlag: string;
        document: ReportItem;
      };
      expect(body).toMatchObject({ instanceId: reportId, completionFlag: 'PARTIAL' });
      expect(body.document.concept?.meaning).toBe('Consultation Report');
      const dump = execFileSync('dsrdump', ['-q', '-Ph', '+Pl', sr], { encoding: 'latin1' });
      const items = [...dump.matchAll(/^ {2}<([a-z ]+) (\w+):\(,,"(.*?)"\)="(.*)">$/gm)];
      expect(items).toHaveLength(5);
      expect(
        body.document.children.map((item) => [
          item.relationship?.toLowerCase(),
          item.valueType,
          item.concept?.meaning,
        ]),
      ).toEqual(items.map((item) => [item[1], item[2], item[3]]));
      const diagnosis = body.document.children.find(
        (item) => item.concept?.meaning === 'Diagnosis',
      );
      expect(diagnosis?.value).toBe(items.find((item) => item[3] === 'Diagnosis')![4]);
    });

    it('names the instances of its study that a report references, by their ids', async () => {
      const read = async (id: number) =>
        (await (await callRoute('GET', `/api/instances/${id}/report`, { session })).json()) as {
          stored: Record<string, number>;
        };
      const sop = execFileSync('dcmdump', ['+P', '0008,0018', chest], { encoding: 'utf8' });
      expect((await read(aiReportId)).stored).toEqual({ [/\[([^\]]+)\]/.exec(sop)![1]!]: chestId });
      // OFFIS's report references no image.
      expect((await read(reportId)).stored).toEqual({});
    });

    it('answers 404 NOT_A_REPORT for an image', async () => {
      const response = await callRoute('GET', `/api/instances/${instanceId}/report`, { session });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'NOT_A_REPORT',
      );
    });

    it('gives a PDF as dcm2pdf takes it out, as a sandboxed download never kept', async () => {
      const response = await callRoute('GET', `/api/instances/${documentId}/document`, { session });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(dcmtkPdf(pdf))).toBe(true);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="document-${documentId}.pdf"`,
        'content-security-policy': "sandbox; default-src 'none'",
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    });

    it('answers 404 NOT_A_DOCUMENT for an image', async () => {
      const response = await callRoute('GET', `/api/instances/${instanceId}/document`, { session });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'NOT_A_DOCUMENT',
      );
    });

    it('gives a presentation state as DCMTK wrote it, with the stored image it applies to', async () => {
      const response = await callRoute('GET', `/api/instances/${stateId}/presentation`, {
        session,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = (await response.json()) as Record<string, unknown>;
      const sop = /\[([^\]]+)\]/.exec(
        execFileSync('dcmdump', ['+P', '0008,0018', chest], { encoding: 'utf8' }),
      )![1]!;
      expect(body).toMatchObject({
        instanceId: stateId,
        label: 'FINDINGS',
        creator: 'Reader^Anna',
        lutShape: 'INVERSE',
        rotation: 270,
        flip: false,
        windows: [{ center: 550, width: 1024, fn: 'LINEAR', images: [{ sopInstanceUID: sop }] }],
        images: [{ sopInstanceUID: sop, frames: [] }],
        stored: { [sop]: chestId },
      });
      expect((body.annotations as unknown[]).length).toBe(2);
    });

    it('answers 404 NOT_A_PRESENTATION_STATE for an image', async () => {
      const response = await callRoute('GET', `/api/instances/${chestId}/presentation`, {
        session,
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'NOT_A_PRESENTATION_STATE',
      );
    });

    it('answers 404 for an instance that is not stored', async () => {
      const response = await callRoute('GET', `/api/instances/${instanceId + 1000}/tags`, {
        session,
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    });
  },
);
