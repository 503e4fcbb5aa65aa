/**
 * One screening result as DICOM, end to end: the source image screened again with the model
 * (Grad-CAM included), the result's words, the picture, its Secondary Capture and the structured
 * report (TID 1500) of the same numbers and calls. Given the
 * stored result, the probabilities must come out as stored (RESULT_MISMATCH otherwise), and the
 * stored calls are what the picture says: the PACS shows what the worklist shows or nothing.
 */
import { createHash } from 'node:crypto';
import { str, TAG, type DicomFile } from '../dicom';
import { SecondlookError } from '../errors';
import {
  modelIdentity,
  type Finding,
  type ModelSession,
  type OutOfScopeReason,
} from '../inference';
import { dicomToScreeningInput, screenImages } from '../screening/node';
import packageJson from '../../package.json';
import type { RgbImage } from './caption';
import { measurementReport } from './measurement-report';
import { resultPicture } from './picture';
import { resultText, type ResultText } from './result-text';
import { secondaryCapture } from './secondary-capture';
import { uidFromName } from './uid';

/** Probabilities drawn again must match the stored ones this closely (same model, same bytes). */
const SAME_PROBABILITY = 1e-6;
/** Result series sort after the acquisition's own series in a PACS's list, the report's last. */
const SERIES_NUMBER_BASE = 9000;
const REPORT_SERIES_NUMBER_BASE = 9500;

export interface StoredResult {
  probabilities: Record<string, number>;
  findings: Finding[];
  outOfScope: OutOfScopeReason[];
}

export interface ResultCapture {
  /** The Secondary Capture's Part 10 bytes. */
  bytes: Uint8Array;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /** The structured report (Enhanced SR, TID 1500), in a series of its own. */
  report: { bytes: Uint8Array; seriesInstanceUID: string; sopInstanceUID: string };
  picture: RgbImage;
  text: ResultText;
  result: StoredResult;
}

function sameProbabilities(stored: Record<string, number>, again: Record<string, number>) {
  const labels = Object.keys(stored);
  return (
    labels.length === Object.keys(again).length &&
    labels.every((label) => Math.abs(stored[label]! - (again[label] ?? NaN)) <= SAME_PROBABILITY)
  );
}

export async function resultCapture(input: {
  source: DicomFile;
  session: ModelSession;
  /** The result as stored; left out, the one screened now. */
  stored?: StoredResult;
  createdAt?: Date;
}): Promise<ResultCapture> {
  const { source, session } = input;
  const file = source.file ?? 'source';
  const [again] = await screenImages(session, [await dicomToScreeningInput(source.bytes, file)], {
    cam: true,
  });
  const { explanation, prepared, cam, probabilities } = again!;
  if (!probabilities || !explanation || !prepared || !cam) {
    throw new SecondlookError('NOT_SCORED', 'the model gives no score or Grad-CAM for the image', {
      file,
    });
  }
  const result = input.stored ?? {
    probabilities,
    findings: again!.findings,
    outOfScope: again!.outOfScope,
  };
  if (!sameProbabilities(result.probabilities, probabilities)) {
    throw new SecondlookError(
      'RESULT_MISMATCH',
      'the model does not give the stored probabilities again',
      { file },
    );
  }
  const model = modelIdentity(session);
  const text = resultText({
    model,
    ...result,
    camLabel: cam.label,
    intendedUse: session.model.manifest.intendedUse,
  });
  const picture = resultPicture({
    grey: prepared.grey,
    width: prepared.width,
    height: prepared.height,
    map: explanation.source,
    caption: text.caption,
  });
  const origin = `${str(source.dataSet, TAG.SeriesInstanceUID) ?? ''} ${model.sha256}`;
  const inputSha256 = createHash('sha256').update(source.bytes).digest('hex');
  const seriesInstanceUID = uidFromName(`secondlook result series ${origin}`);
  const sopInstanceUID = uidFromName(`secondlook result ${origin} ${inputSha256}`);
  const number = Number(str(source.dataSet, TAG.SeriesNumber) ?? 0);
  const sourceNumber = Number.isSafeInteger(number) ? number : 0;
  const createdAt = input.createdAt ?? new Date();
  const software = { name: 'secondlook', version: packageJson.version };
  const bytes = secondaryCapture({
    source,
    picture,
    seriesInstanceUID,
    sopInstanceUID,
    seriesNumber: SERIES_NUMBER_BASE + sourceNumber,
    seriesDescription: text.seriesDescription,
    derivation: text.derivation,
    software: { ...software, model: `${model.id} ${model.version}` },
    createdAt,
  });
  const report = {
    seriesInstanceUID: uidFromName(`secondlook report series ${origin}`),
    sopInstanceUID: uidFromName(`secondlook report ${origin} ${inputSha256}`),
  };
  const reportBytes = measurementReport({
    source,
    model,
    labels: session.model.manifest.labels,
    probabilities: result.probabilities,
    findings: result.findings,
    ...report,
    seriesNumber: REPORT_SERIES_NUMBER_BASE + sourceNumber,
    seriesDescription: text.reportDescription,
    software,
    createdAt,
  });
  return {
    bytes,
    seriesInstanceUID,
    sopInstanceUID,
    report: { ...report, bytes: reportBytes },
    picture,
    text,
    result,
  };
}
