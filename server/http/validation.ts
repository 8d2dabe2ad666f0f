// Turns schema failures into per-field messages in the user's language.
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export function fieldErrors(error: z.ZodError, t: TFunction): Record<string, string> {
  // A Map, not an object: a hostile key such as "__proto__" must stay a plain field name.
  const fields = new Map<string, string>();
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [''];
    for (const key of keys) {
      const path = [...issue.path.map(String), key].filter(Boolean).join('.') || '_';
      if (!fields.has(path)) fields.set(path, messageFor(issue, t));
    }
  }
  return Object.fromEntries(fields);
}

function messageFor(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return t('field.unknown');
    case 'too_big':
      return issue.origin === 'number'
        ? t('field.max', { max: Number(issue.maximum) })
        : t('field.tooLong', { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'number') return t('field.min', { min: Number(issue.minimum) });
      return Number(issue.minimum) <= 1
        ? t('field.required')
        : t('field.tooShort', { min: Number(issue.minimum) });
    case 'invalid_type':
      return issue.input === undefined ? t('field.required') : t('field.invalid');
    default:
      return t('field.invalid');
  }
}
