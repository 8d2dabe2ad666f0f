// A small modal on the native <dialog> (focus stays inside, Escape cancels), and an "Are you
// sure?" built on it. Focus returns to what opened it.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatAction } from './useChatAction.ts';

export function ChatDialog({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
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
      className="chat-dialog"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </dialog>
  );
}

export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  const { error, busy, run } = useChatAction();
  const confirm = async () => {
    if (await run(onConfirm)) onClose();
  };
  return (
    <ChatDialog title={title} onClose={onClose} testId="chat-confirm">
      <p>{text}</p>
      {error ? (
        <p role="alert" className="chat-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="danger"
          data-testid="chat-confirm-button"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </button>
      </div>
    </ChatDialog>
  );
}
