import { SecondlookError } from '@/lib/errors';
import { recordInference, type InferenceInput } from '@/lib/store';
import { json, RADIOLOGIST, readJson, route } from '../_lib/route';

function time(value: unknown, name: string): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new SecondlookError('BAD_INFERENCE', `${name} must be an ISO time`);
  return date;
}

/** POST InferenceInput: records a model run made in the browser for a series. */
export const POST = route(RADIOLOGIST, async ({ request, session, store }) => {
  const body = await readJson(request, 4 << 20);
  const input = {
    ...body,
    startedAt: time(body.startedAt, 'startedAt'),
    finishedAt: time(body.finishedAt, 'finishedAt'),
  } as unknown as InferenceInput;
  const inference = await recordInference(store.db, input, session.user);
  return json({ inference: { id: inference.id } }, 201);
});
