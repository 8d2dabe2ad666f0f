import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from './errors.ts';

/**
 * The form's errors at its top, announced (role="alert") and focused when they appear; each
 * field error links to its field.
 */
export function ErrorSummary({
  errors,
  fieldId,
  labels = {},
}: {
  errors: FormErrors;
  fieldId: (name: string) => string;
  /** Field names to labels, so "Required." reads as "Email: Required.". */
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // In the order the fields appear on the page (the labels' order), not the schema's.
  const order = Object.keys(labels);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const fields = Object.entries(errors.fields).sort(([a], [b]) => rank(a) - rank(b));
  const shown = errors.message !== null || fields.length > 0;

  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [errors, shown]);

  const focusField = (name: string) => {
    const element = document.getElementById(fieldId(name));
    // A group (fieldset) takes focus through its first input.
    const target = element?.matches('input, select, textarea, button')
      ? element
      : element?.querySelector<HTMLElement>('input, select, textarea, button');
    target?.focus();
  };

  return (
    <div ref={ref} role="alert" tabIndex={-1} className={shown ? 'error-summary' : undefined}>
      {shown ? (
        <>
          <p className="error-summary-title">{errors.message ?? t('errors:invalid')}</p>
          {fields.length > 0 ? (
            <ul>
              {fields.map(([name, message]) => (
                <li key={name}>
                  {labels[name] ? (
                    <a
                      href={`#${fieldId(name)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        focusField(name);
                      }}
                    >
                      {labels[name]}: {message}
                    </a>
                  ) : (
                    message
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
