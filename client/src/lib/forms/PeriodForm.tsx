// A period of Helsinki calendar dates, from and to, with the button that shows it (the reach
// figures, the funder's report).
import type { FormEvent } from 'react';
import { TextField } from './fields.tsx';

export function PeriodForm({
  fieldId,
  labels,
  errors,
  from,
  to,
  onFrom,
  onTo,
  onSubmit,
  submitLabel,
}: {
  fieldId: (name: string) => string;
  labels: { from: string; to: string };
  errors: Record<string, string>;
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
}) {
  return (
    <form className="inline-add period" noValidate onSubmit={onSubmit}>
      <TextField
        id={fieldId('from')}
        label={labels.from}
        error={errors.from}
        type="date"
        value={from}
        onChange={(event) => onFrom(event.target.value)}
        required
      />
      <TextField
        id={fieldId('to')}
        label={labels.to}
        error={errors.to}
        type="date"
        value={to}
        onChange={(event) => onTo(event.target.value)}
        required
      />
      <div className="field actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
