import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../auth/errors';
import { apiFieldToPath } from './orderForm';

/**
 * Puts an API error on the form field its `field` names (nested paths such as "items[1].sku"
 * included) when the form has that field; otherwise returns the text for the top of the form.
 */
export function applyNestedFieldError(form: FormInstance, error: unknown, t: TFunction, fields: readonly string[]): string | null {
  const text = errorText(t, error);
  if (!(error instanceof ApiError) || !error.field) return text;
  const path = apiFieldToPath(error.field);
  if (!fields.includes(String(path[0]))) return text;
  form.setFields([{ name: path, errors: [text] }]);
  form.scrollToField(path);
  return null;
}
