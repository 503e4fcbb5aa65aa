import { audited } from '../audit';
import { actorFields, type Actor } from '../auth/users';
import type { Db } from './db';
import { seriesAndModel, type ModelIdentity } from './inferences';
import { refreshWorklistKeys } from './worklist-keys';

/** A screening that threw, as the queue reports it: codes and messages, never patient data. */
export interface ScreeningFailureInput {
  seriesId: number;
  model: ModelIdentity;
  error: { code: string; message: string };
  failedAt: Date;
  /** Milliseconds from failedAt to the next attempt after `attempts` failures; null: give up. */
  retryDelayMs: (attempts: number) => number | null;
}

export interface ScreeningFailureView {
  seriesId: number;
  code: string;
  message: string;
  attempts: number;
  failedAt: string;
  /** When the queue may try again; null when it gave up. */
  retryAt: string | null;
}

/**
 * Records (or counts again) the failed screening of a series by a model, with when to retry, and
 * a `screening.fail` audit event (the error code, not its message), in one transaction.
 */
export async function recordScreeningFailure(
  db: Db,
  input: ScreeningFailureInput,
  actor: Actor,
): Promise<ScreeningFailureView> {
  return audited(db, async (tx) => {
    const { series, model } = await seriesAndModel(tx, input);
    const key = { seriesId: input.seriesId, modelVersionId: model.id };
    const previous = await tx.screeningFailure.findUnique({
      where: { seriesId_modelVersionId: key },
    });
    const attempts = (previous?.attempts ?? 0) + 1;
    const delay = input.retryDelayMs(attempts);
    const fields = {
      code: input.error.code,
      message: input.error.message,
      attempts,
      failedAt: input.failedAt,
      retryAt: delay === null ? null : new Date(input.failedAt.getTime() + delay),
    };
    const row = await tx.screeningFailure.upsert({
      where: { seriesId_modelVersionId: key },
      create: { ...key, ...fields },
      update: fields,
    });
    await refreshWorklistKeys(tx, [series.studyId]);
    return {
      result: {
        seriesId: row.seriesId,
        code: row.code,
        message: row.message,
        attempts: row.attempts,
        failedAt: row.failedAt.toISOString(),
        retryAt: row.retryAt?.toISOString() ?? null,
      },
      event: {
        action: 'screening.fail',
        ...actorFields(actor),
        subjectType: 'series',
        subjectId: input.seriesId,
        details: {
          studyId: series.studyId,
          seriesId: input.seriesId,
          model: `${model.name}@${model.version}`,
          code: row.code,
          attempts,
          retryAt: fields.retryAt?.toISOString() ?? null,
        },
      },
    };
  });
}
