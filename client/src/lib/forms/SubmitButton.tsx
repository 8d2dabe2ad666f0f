import type { ReactNode } from 'react';

/** The form's submit button, disabled while sending, with what stands beside it (a status, a link). */
export function SubmitButton({
  busy,
  danger = false,
  label,
  children,
}: {
  busy: boolean;
  /** For a step that cannot be undone. */
  danger?: boolean;
  label: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" className={danger ? 'danger' : undefined} disabled={busy}>
        {label}
      </button>
      {children}
    </div>
  );
}
