import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { errorText } from '../auth/errors';

/** The part of an antd FormInstance this needs (easy to fake in tests). */
export interface FieldErrorTarget {
  getFieldsValue(): unknown;
  /** Receives `[{ name, errors }]`; typed `never[]` so any FormInstance<Values> fits. */
  setFields: (fields: never[]) => void;
}

/**
 * Shows an API error on the form field named by `error.field` (optionally renamed through
 * `fieldMap`). Returns null when it was placed on a field, otherwise the text to show at the
 * top of the form.
 */
export function applyFieldErrors(
  form: FieldErrorTarget,
  error: unknown,
  t: TFunction,
  fieldMap: Record<string, string> = {},
): string | null {
  const text = errorText(t, error);
  if (!(error instanceof ApiError) || !error.field) return text;
  const name = fieldMap[error.field] ?? error.field;
  const values = form.getFieldsValue();
  const registered = typeof values === 'object' && values !== null && Object.prototype.hasOwnProperty.call(values, name);
  if (!registered) return text;
  form.setFields([{ name, errors: [text] }] as never[]);
  return null;
}
