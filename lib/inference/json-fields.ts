/**
 * Typed reads of the model folder's JSON files (model.json, head.json, eval-reference.json): a
 * field that is missing or of the wrong type is a MODEL_MANIFEST error naming the file.
 */
import { SecondlookError } from '../errors';

export type Json = Record<string, unknown>;

export function fail(file: string, message: string): never {
  throw new SecondlookError('MODEL_MANIFEST', message, { file });
}

export function object(value: unknown, what: string, file: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(file, `${what} must be an object`);
  }
  return value as Json;
}

export function string(obj: Json, key: string, file: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.length === 0) fail(file, `"${key}" must be a string`);
  return value;
}

export function number(obj: Json, key: string, file: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(file, `"${key}" must be a number`);
  return value;
}

export function array(obj: Json, key: string, file: string): unknown[] {
  const value = obj[key];
  if (!Array.isArray(value)) fail(file, `"${key}" must be an array`);
  return value;
}

export function strings(obj: Json, key: string, file: string): string[] {
  return array(obj, key, file).map((item) => {
    if (typeof item !== 'string') fail(file, `"${key}" must hold strings`);
    return item;
  });
}

export function numbers(values: unknown[], what: string, file: string): number[] {
  return values.map((item) => {
    if (typeof item !== 'number' || !Number.isFinite(item)) fail(file, `${what} must hold numbers`);
    return item;
  });
}
