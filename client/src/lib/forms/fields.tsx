// Form fields with their label, hint and error tied together (aria-describedby), so a screen
// reader reads the hint and the error with the field.
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function HintAndError({ id, hint, error }: Omit<FieldProps, 'label'>) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * What people type takes its own direction (a Latin name in the Arabic UI, or an Arabic one in
 * the Finnish); addresses and numbers to dial always run left to right.
 */
function typedDirection(type: string | undefined): 'auto' | 'ltr' | undefined {
  if (type === undefined || type === 'text' || type === 'search') return 'auto';
  return type === 'email' || type === 'url' || type === 'tel' ? 'ltr' : undefined;
}

export function TextField({
  id,
  label,
  hint,
  error,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        dir={typedDirection(input.type)}
        {...input}
      />
    </div>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        dir="auto"
        {...textarea}
      />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

/** One checkbox whose label may hold a link (the privacy notice, say). */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return (
    <div className="field">
      <div className="check">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** Several checkboxes for one list value (roles, age ranges). */
export function CheckboxGroup<V extends string>({
  id,
  label,
  hint,
  error,
  choices,
  value,
  onChange,
  disabled,
}: FieldProps & {
  choices: readonly Choice<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  disabled?: boolean;
}) {
  const toggle = (choice: V, on: boolean) =>
    onChange(choices.map((c) => c.value).filter((v) => (v === choice ? on : value.includes(v))));
  return (
    <fieldset
      id={id}
      className="field checkbox-group"
      aria-describedby={describedBy(id, hint, error)}
      disabled={disabled}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {choices.map((choice) => (
        <div className="check" key={choice.value}>
          <input
            id={`${id}-${choice.value}`}
            type="checkbox"
            checked={value.includes(choice.value)}
            onChange={(event) => toggle(choice.value, event.target.checked)}
          />
          <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
