// A small modal on the native <dialog> (the page behind is inert, Escape cancels), and an
// "Are you sure?" built on it. Shown while mounted; focus goes back to what opened it.
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError, useAction, type ActionNamespace } from './useAction.tsx';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
  'select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tab past the last control comes back to the first (Shift+Tab the other way): a modal <dialog>
 * alone would let focus leave for the browser's own toolbar, and a keyboard user is lost there.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

export function ModalDialog({
  title,
  onClose,
  className,
  testId,
  initialFocus,
  children,
}: {
  title: string;
  onClose: () => void;
  /** What takes focus on opening (else the browser's pick: the first button in it). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** The feature's dialog style (e.g. live-dialog, chat-dialog). */
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (element?.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
    // Opened once per mount; the element to focus is a ref, read then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onKeyDown={keepFocusInside}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`} dir="auto">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/**
 * "Are you sure?" for a step that affects others (ending for everyone, deleting, stepping in).
 * Cancel is focused on opening, whichever button comes first.
 */
export function ConfirmDialog({
  ns,
  className,
  errorClassName,
  title,
  text,
  confirmLabel,
  danger = false,
  testId,
  confirmTestId,
  onConfirm,
  onClose,
}: {
  ns: ActionNamespace;
  className: string;
  errorClassName: string;
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  testId?: string;
  confirmTestId?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation(ns);
  const { error, busy, run } = useAction(ns);
  // The safe choice has focus first: Enter or Space right after opening never deletes or ends.
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = async () => {
    if (await run(onConfirm)) onClose();
  };
  return (
    <ModalDialog
      title={title}
      onClose={onClose}
      className={className}
      testId={testId}
      initialFocus={cancel}
    >
      <p>{text}</p>
      <ActionError error={error} className={errorClassName} />
      <div className="actions">
        <button
          type="button"
          className={danger ? 'danger' : undefined}
          data-testid={confirmTestId}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onClose} ref={cancel}>
          {t('dialog.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
