/**
 * Whether the PACS holds an instance of a study: a result or a report sent there may only name
 * what the PACS holds, or it would point at nothing (SOURCE_NOT_IN_PACS).
 */
import { stringOf, TAGS, type DicomWebClient } from '../dicomweb';
import { SecondlookError } from '../errors';

/**
 * Searches the study for the SOP Instance UID; SOURCE_NOT_IN_PACS, saying `why`, if not there.
 */
export async function checkInPacs(
  client: DicomWebClient,
  study: string,
  sop: string,
  why: string,
): Promise<void> {
  const { datasets } = await client.searchInstances(study, { SOPInstanceUID: sop });
  if (!datasets.some((dataset) => stringOf(dataset, TAGS.sopInstanceUID) === sop)) {
    throw new SecondlookError('SOURCE_NOT_IN_PACS', why, { file: `studies/${study}` });
  }
}
