/**
 * Names and descriptions of studies stored before they were read in their file's Specific
 * Character Set: until then a byte was a Latin-1 character, so "Müller" in UTF-8 showed as
 * "MÃ¼ller" in the worklist and its search. A study whose stored text is plain ASCII reads the
 * same in every character set and is only marked; any other is read again from one instance of
 * each series, once, with its worklist keys.
 */
import { audited } from '../audit';
import { parseDicom, readInstanceMetadata, type InstanceMetadata } from '../dicom';
import { toErrorInfo } from '../errors';
import type { Store } from './db';
import type { MetadataSweep } from './late-metadata';
import { readInstanceBytes } from './studies';
import { refreshWorklistKeys } from './worklist-keys';

const PLAIN = /^[\x20-\x7e]*$/;

const isPlain = (values: (string | null)[]) => values.every((value) => PLAIN.test(value ?? ''));

function metadataOf(bytes: Uint8Array, instanceId: number) {
  return readInstanceMetadata(parseDicom(bytes, { file: `instance ${instanceId}` }));
}

/** Reads the text of every study stored before `textRead`, 100 studies a query. */
export async function readStudyText(store: Store): Promise<MetadataSweep> {
  const sweep: MetadataSweep = { read: 0, failed: [] };
  let after = 0;
  for (;;) {
    const batch = await store.db.study.findMany({
      where: { id: { gt: after }, textRead: false },
      select: {
        id: true,
        patientName: true,
        patientId: true,
        studyDescription: true,
        accessionNumber: true,
        series: {
          select: {
            id: true,
            seriesDescription: true,
            instances: { select: { id: true }, orderBy: { id: 'asc' }, take: 1 },
          },
          orderBy: { id: 'asc' },
        },
      },
      orderBy: { id: 'asc' },
      take: 100,
    });
    if (batch.length === 0) return sweep;
    after = batch.at(-1)!.id;
    const plain = batch.filter(
      (study) =>
        isPlain([study.patientName, study.patientId, study.studyDescription]) &&
        isPlain([study.accessionNumber, ...study.series.map((s) => s.seriesDescription)]),
    );
    await store.db.study.updateMany({
      where: { id: { in: plain.map((study) => study.id) } },
      data: { textRead: true },
    });
    for (const study of batch.filter((one) => !plain.includes(one))) {
      const firsts = study.series.flatMap((series) =>
        series.instances.map((instance) => ({ seriesId: series.id, instanceId: instance.id })),
      );
      let current = 0;
      try {
        const read: { seriesId: number; meta: InstanceMetadata }[] = [];
        for (const { seriesId, instanceId } of firsts) {
          current = instanceId;
          const { bytes } = await readInstanceBytes(store, instanceId);
          read.push({ seriesId, meta: metadataOf(bytes, instanceId) });
        }
        const studyMeta = read[0]?.meta;
        await audited(store.db, async (tx) => {
          for (const { seriesId, meta } of read) {
            await tx.series.update({
              where: { id: seriesId },
              data: { seriesDescription: meta.seriesDescription },
            });
          }
          await tx.study.update({
            where: { id: study.id },
            data: {
              textRead: true,
              ...(studyMeta && {
                patientName: studyMeta.patientName,
                patientId: studyMeta.patientId,
                studyDescription: studyMeta.studyDescription,
                accessionNumber: studyMeta.accessionNumber,
              }),
            },
          });
          await refreshWorklistKeys(tx, [study.id]);
          return { result: undefined, event: null };
        });
        sweep.read += read.length;
      } catch (error) {
        sweep.failed.push({ instanceId: current, code: toErrorInfo(error).code });
      }
    }
  }
}
