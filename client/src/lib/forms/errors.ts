// Form errors: the server's (already translated) or our own from the shared zod schemas, in
// one shape, so a page shows both the same way.
import type { TFunction } from 'i18next';
import { useCallback, useId, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api.ts';

export interface FormErrors {
  /** What went wrong, for the summary at the top of the form. */
  message: string | null;
  /** Per field name: the message shown next to that field. */
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { message: null, fields: {} };

export function errorsFrom(error: unknown, t: TFunction): FormErrors {
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  return { message: t('errors:internal'), fields: {} };
}

export type Validated<T> = { data: T; errors: null } | { data: null; errors: FormErrors };

/** Checks the input with the same schema the server uses, with messages in the UI language. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: TFunction,
): Validated<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.map(String).join('.') || '_';
    const value = issue.path.reduce<unknown>(
      (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key],
      input,
    );
    fields[name] ??=
      value === undefined || value === '' ? t('errors:field.required') : messageFor(issue, t);
  }
  return { data: null, errors: { message: t('errors:invalid'), fields } };
}

// The same wording as the server's validation messages (server/http/validation.ts).
function messageFor(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_big':
      return t('errors:field.tooLong', { max: Number(issue.maximum) });
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? t('errors:field.required')
        : t('errors:field.tooShort', { min: Number(issue.minimum) });
    default:
      return t('errors:field.invalid');
  }
}

/** Errors of one form, and stable element ids for its fields (the summary links to them). */
export function useFormErrors() {
  const baseId = useId();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const fieldId = useCallback((name: string) => `${baseId}-${name}`, [baseId]);
  const clear = useCallback(() => setErrors(noErrors), []);
  return { errors, setErrors, fieldId, clear };
}
