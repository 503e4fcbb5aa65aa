/**
 * The confounder audit over real screening: chest radiographs from the shared data are screened
 * by the server's queue, and the audit shows for each the map numbers that `secondlook classify`
 * computes for the same file in another process; a positive call whose map sits off the body is
 * flagged and listed first, a negative call never is, the CT is counted out of scope, a reader's
 * confounder flag appears beside the study, and a map summary that is not the expected shape
 * reads as no map rather than failing the page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../../lib/auth';
import { createReview, saliencyAudit } from '../../lib/review';
import { confounderFlags } from '../../lib/saliency';
import { startScreeningService, type ScreeningService } from '../../lib/screening/server';
import { importPaths, recordInference } from '../../lib/store';
import { modelDir } from '../inference/support';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const files = {
  negativeChest: path.join(sharedDicomDir, 'dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm'),
  positiveChest: path.join(sharedDicomDir, 'pylibjpeg-data/966_fixed.dcm'),
  ct: path.join(sharedDicomDir, 'dcmqi/ct-3slice/01.dcm'),
};

interface Classified {
  file: string;
  probabilities: Record<string, number>;
  findings: { flagged: boolean }[];
  cam: { borderMass: number; outsideBodyMass: number; topDecileMass: number; peak: object };
}

/** The CLI's own run of the model on the files, in a child process. */
function classify(...inputs: string[]): Classified[] {
  const out = execFileSync(
    process.execPath,
    [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'classify', ...inputs, '--json'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Classified[];
}

let store: TestStore;
let service: ScreeningService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await store.dispose();
});

describe.each(databases)('the confounder audit on %s', (kind) => {
  it('shows each screened map as classify computes it, and flags only positive calls off the body', async () => {
    store = await freshStore(kind);
    const imported = await importPaths(store, Object.values(files), null);
    const studyOf = (file: string) => imported.results.find((r) => r.file === file)!;
    service = await startScreeningService(store, { modelDir, sweepEveryMs: 0 });
    await service.queue.whenIdle();

    const [negative, positive] = classify(files.negativeChest, files.positiveChest);
    expect(negative!.findings.some((f) => f.flagged)).toBe(false);
    expect(positive!.findings.some((f) => f.flagged)).toBe(true);

    // A positive call made in a browser whose map sits on background air, as the API accepts it.
    const chest = studyOf(files.positiveChest);
    const instance = await store.db.instance.findUniqueOrThrow({
      where: { id: chest.instanceId! },
    });
    const model = await store.db.modelVersion.findFirstOrThrow();
    const offBody = {
      label: 'pneumonia',
      borderMass: 0.7,
      outsideBodyMass: 0.6,
      topDecileMass: 0.5,
    };
    const recordBrowser = (saliency: Record<string, unknown>) =>
      recordInference(
        store.db,
        {
          seriesId: chest.seriesId!,
          model: { name: model.name, version: model.version, sha256: model.sha256 },
          provider: 'onnxruntime-web/webgpu',
          inputSha256: instance.sha256,
          probabilities: { pneumonia: 0.9 },
          findings: [
            {
              label: 'pneumonia',
              probability: 0.9,
              operatingPoint: 'balanced',
              threshold: 0.6,
              flagged: true,
            },
          ],
          timings: {},
          saliency,
          startedAt: new Date(),
          finishedAt: new Date(),
        },
        null,
      );
    const flagged = await recordBrowser({
      cam: { ...offBody, method: 'grad-cam', width: 7, height: 7, peak: { x: 0, y: 0 } },
    });
    const malformed = await recordBrowser({ cam: { borderMass: 'most of it' } });
    const user = await createUser(
      store.db,
      { username: 'reader', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    await createReview(
      store,
      { id: user.id, username: user.username, role: 'radiologist' },
      {
        studyId: chest.studyId!,
        decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
        confounders: ['text-marker'],
        text: '',
        sign: true,
      },
    );

    const audit = await saliencyAudit(store.db);
    expect(audit.considered).toBe(5);
    expect(audit.rows.map((row) => row.inferenceId)[0]).toBe(flagged.id);
    expect(audit.rows[0]).toMatchObject({
      flags: ['border', 'outside-body'],
      provider: 'onnxruntime-web/webgpu',
      readerConfounders: ['text-marker'],
    });
    expect(audit.rows.find((row) => row.inferenceId === malformed.id)).toMatchObject({
      cam: null,
      flags: [],
    });
    for (const [file, reference] of [
      [files.negativeChest, negative!],
      [files.positiveChest, positive!],
    ] as const) {
      const row = audit.rows.find(
        (r) => r.studyId === studyOf(file).studyId && r.provider === 'onnxruntime-node/cpu',
      )!;
      expect(row.cam).toMatchObject({
        borderMass: reference.cam.borderMass,
        outsideBodyMass: reference.cam.outsideBodyMass,
        topDecileMass: reference.cam.topDecileMass,
        peak: reference.cam.peak,
      });
      expect(row.call!.probability).toBeCloseTo(reference.probabilities.pneumonia!, 12);
      const isPositive = reference.findings.some((f) => f.flagged);
      expect(row.call!.positive).toBe(isPositive);
      expect(row.flags).toEqual(isPositive ? confounderFlags(reference.cam) : []);
    }
    // The negative chest's map is off the body, and still not flagged: it explains no call.
    expect(negative!.cam.outsideBodyMass).toBeGreaterThan(audit.limits.outsideBodyMass);

    const [summary] = audit.models;
    expect(summary).toMatchObject({
      scored: 4,
      positive: 3,
      judged: 2,
      flagged: { any: 1, outsideBody: 1, border: 1 },
      // The CT: refused for its modality, and with no view position recorded.
      outOfScope: [
        { code: 'MODALITY', severity: 'block', count: 1 },
        { code: 'VIEW_UNKNOWN', severity: 'advisory', count: 1 },
      ],
    });
    expect(summary!.median!.outsideBodyMass).toBeCloseTo(
      (0.6 + positive!.cam.outsideBodyMass) / 2,
      12,
    );

    // The same audit from the shell: as JSON, and as text naming studies, not patients.
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'audit', ...args],
        {
          encoding: 'utf8',
          env: { ...process.env, ...store.env },
        },
      );
    expect(JSON.parse(cli('saliency', '--json').stdout)).toEqual(JSON.parse(JSON.stringify(audit)));
    const text = cli('saliency', '--flagged').stdout;
    expect(text).toContain(
      `study ${chest.studyId} inference ${flagged.id} onnxruntime-web/webgpu: pneumonia 0.900 positive; outside body 60.0%, border 70.0%; flags: border, outside-body; readers: text-marker`,
    );
    expect(text).toContain('pneumonia-cxr 1.2.0: 4 scored, 3 positive, 2 with a map, 1 flagged');
    expect(text.trim().split('\n')).toHaveLength(3);
    for (const { patientName } of await store.db.study.findMany()) {
      if (patientName) expect(cli('saliency').stdout).not.toContain(patientName.split('^')[0]);
    }
    const usage = cli('saliency', '--limit', '0', '--json');
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('USAGE');

    const onlyFlagged = await saliencyAudit(store.db, { flaggedOnly: true });
    expect(onlyFlagged.rows.map((row) => row.inferenceId)).toEqual([flagged.id]);
    const windowed = await saliencyAudit(store.db, { window: 2 });
    expect(windowed).toMatchObject({ considered: 2, truncated: true });
  });
});
