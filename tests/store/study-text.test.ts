/**
 * Names and descriptions in the store are read in their file's character set, on both databases:
 * the worklist shows "Müller^Jürgen" and its search finds "müller". A store from before read each
 * byte as a Latin-1 character ("MÃ¼ller"): its non-ASCII studies are read again, once, from one
 * instance of each series, with their worklist keys; plain ASCII studies are only marked; and a
 * corrupt blob is reported by its code and left for the next sweep.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../lib/auth';
import { importPaths, listWorklist, readMissingMetadata } from '../../lib/store';
import { refreshWorklistKeys } from '../../lib/store/worklist-keys';
import { bytesOf, dcmtkText, fileWithText, TEXT_TAGS } from '../support/charset-files';
import { databases, freshStore, type TestStore } from '../support/databases';

const UID = '1.2.826.0.1.3680043.10.1470.91';
const reader: SessionUser = { id: 1, username: 'reader', role: 'radiologist' };

const utf8File = fileWithText(
  {
    charset: 'ISO_IR 192',
    patientName: new TextEncoder().encode('Müller^Jürgen'),
    studyDescription: new TextEncoder().encode('Röntgen Thorax'),
    seriesDescription: new TextEncoder().encode('Schädel axial'),
  },
  `${UID}.1`,
);
const asciiFile = fileWithText(
  {
    charset: '',
    patientName: bytesOf('Smith^John'),
    studyDescription: bytesOf('CT CHEST'),
    seriesDescription: bytesOf('AXIAL'),
  },
  `${UID}.2`,
);

/** What a store before this change kept: each byte of the UTF-8 value as a Latin-1 character. */
const asLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe.each(databases)('study text on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
    await importPaths(store, [utf8File, asciiFile], null);
  });
  afterEach(() => store.dispose());

  const rowOf = (uid: string) =>
    store.db.study.findUniqueOrThrow({
      where: { studyInstanceUID: uid },
      include: { series: true },
    });
  const found = async (text: string) =>
    (await listWorklist(store.db, reader, { text })).studies.map((s) => s.patientName);

  it('keeps the names DCMTK reads, and the worklist finds them', async () => {
    const study = await rowOf(`${UID}.1`);
    expect(study).toMatchObject({
      patientName: dcmtkText(utf8File, TEXT_TAGS.patientName),
      studyDescription: dcmtkText(utf8File, TEXT_TAGS.studyDescription),
      textRead: true,
    });
    expect(study.patientName).toBe('Müller^Jürgen');
    expect(study.series[0]!.seriesDescription).toBe(
      dcmtkText(utf8File, TEXT_TAGS.seriesDescription),
    );
    expect(await found('müller, jürgen')).toEqual(['Müller^Jürgen']);
    expect(await found('röntgen')).toEqual(['Müller^Jürgen']);
  });

  it('reads again, once, the text a store from before read byte by byte', async () => {
    const old = await rowOf(`${UID}.1`);
    await store.db.study.update({
      where: { id: old.id },
      data: {
        patientName: asLatin1('Müller^Jürgen'),
        studyDescription: asLatin1('Röntgen Thorax'),
      },
    });
    await store.db.series.update({
      where: { id: old.series[0]!.id },
      data: { seriesDescription: asLatin1('Schädel axial') },
    });
    await store.db.study.updateMany({ data: { textRead: false } });
    await store.db.$transaction((tx) => refreshWorklistKeys(tx, [old.id]));
    expect(await found('müller')).toEqual([]);
    expect(await found('mã¼ller')).toEqual(['MÃ¼ller^JÃ¼rgen']);

    // The UTF-8 study's one series is read; the ASCII study is only marked.
    expect(await readMissingMetadata(store)).toEqual({ read: 1, failed: [] });
    const study = await rowOf(`${UID}.1`);
    expect(study).toMatchObject({
      patientName: 'Müller^Jürgen',
      studyDescription: 'Röntgen Thorax',
      textRead: true,
    });
    expect(study.series[0]!.seriesDescription).toBe('Schädel axial');
    expect((await rowOf(`${UID}.2`)).textRead).toBe(true);
    expect(await found('müller')).toEqual(['Müller^Jürgen']);
    expect(await readMissingMetadata(store)).toEqual({ read: 0, failed: [] });
  });

  it('reports a corrupt blob by its code and reads it at the next sweep', async () => {
    const old = await rowOf(`${UID}.1`);
    await store.db.study.update({
      where: { id: old.id },
      data: { patientName: asLatin1('Müller^Jürgen'), textRead: false },
    });
    const instance = await store.db.instance.findFirstOrThrow({
      where: { seriesId: old.series[0]!.id },
    });
    const blob = path.join(store.config.dataDir, instance.blobPath);
    const kept = readFileSync(blob);
    writeFileSync(blob, 'not the file');
    expect(await readMissingMetadata(store)).toEqual({
      read: 0,
      failed: [{ instanceId: instance.id, code: 'BLOB_CORRUPT' }],
    });
    expect(await rowOf(`${UID}.1`)).toMatchObject({
      patientName: asLatin1('Müller^Jürgen'),
      textRead: false,
    });
    writeFileSync(blob, kept);
    expect(await readMissingMetadata(store)).toEqual({ read: 1, failed: [] });
    expect((await rowOf(`${UID}.1`)).patientName).toBe('Müller^Jürgen');
  });
});
