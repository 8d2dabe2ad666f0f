import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError, useAction } from './useAction.tsx';

/**
 * An in-page modal on the native <dialog>: the browser keeps focus inside and Escape cancels.
 * Shown while mounted; focus goes back to what opened it.
 */
export function ModalDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      if (element?.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="live-dialog"
      aria-labelledby={`${id}-title`}
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

/** "Are you sure?" for a step that affects others (ending for everyone, stepping in). */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  danger = false,
  testId,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  testId?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation('live');
  const { error, busy, run } = useAction();
  const confirm = async () => {
    if (await run(onConfirm)) onClose();
  };
  return (
    <ModalDialog title={title} onClose={onClose}>
      <p>{text}</p>
      <ActionError error={error} />
      <div className="actions">
        <button
          type="button"
          className={danger ? 'danger' : undefined}
          data-testid={testId}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
