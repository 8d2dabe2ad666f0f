// What one may do with a message, behind a small "⋯" disclosure so a phone's list stays calm:
// edit and delete one's own, hide or show again (facilitators), report (everyone else).
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../server/protocol/chat.ts';
import type { ChatClient } from './chatClient.ts';
import { ConfirmDialog } from './ChatDialog.tsx';
import { ReportDialog } from './ReportDialog.tsx';
import { useChatAction } from './useChatAction.ts';
import { isolate } from '../../lib/bidi.tsx';

export interface MessagePermissions {
  own: boolean;
  canPost: boolean;
  canModerate: boolean;
}

export function MessageActions({
  client,
  message,
  may,
  onEdit,
}: {
  client: ChatClient;
  message: ChatMessage;
  may: MessagePermissions;
  onEdit: () => void;
}) {
  const { t } = useTranslation('chat');
  const details = useRef<HTMLDetailsElement>(null);
  const [dialog, setDialog] = useState<'delete' | 'report' | null>(null);
  const [open, setOpen] = useState(false);
  const { error, busy, run } = useChatAction();

  // An open menu closes when the pointer or the focus goes elsewhere, like a menu would.
  useEffect(() => {
    const element = details.current;
    if (!open || !element) return;
    const away = (event: Event) => {
      if (event.target instanceof Node && !element.contains(event.target)) element.open = false;
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  if (message.deleted) return null;

  const canEdit = may.own && may.canPost && message.kind === 'message';
  const canDelete = may.own;
  const canHide = may.canModerate && !may.own;
  const canReport = !may.own && !may.canModerate;
  if (!canEdit && !canDelete && !canHide && !canReport) return null;

  const close = () => {
    if (details.current) details.current.open = false;
  };
  /** Dialogs give focus back to what opened them: the "⋯" button, not a closed menu's item. */
  const openDialog = (which: 'delete' | 'report') => {
    close();
    details.current?.querySelector('summary')?.focus();
    setDialog(which);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && details.current?.open) {
      event.stopPropagation();
      close();
      details.current.querySelector('summary')?.focus();
    }
  };

  return (
    <>
      <details
        ref={details}
        className="chat-actions"
        onKeyDown={onKeyDown}
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary data-testid="message-actions">
          <span aria-hidden="true">⋯</span>
          <span className="visually-hidden">
            {t('message.actions', { name: isolate(message.senderName) })}
          </span>
        </summary>
        <div className="chat-actions-menu">
          {canEdit ? (
            <button
              type="button"
              className="secondary chat-small"
              data-action="edit"
              onClick={() => {
                close();
                onEdit();
              }}
            >
              {t('message.edit')}
            </button>
          ) : null}
          {canDelete ? (
            <button
              type="button"
              className="secondary chat-small"
              data-action="delete"
              onClick={() => openDialog('delete')}
            >
              {t('message.delete')}
            </button>
          ) : null}
          {canHide ? (
            <button
              type="button"
              className="secondary chat-small"
              data-action={message.hidden ? 'unhide' : 'hide'}
              disabled={busy}
              onClick={() =>
                void run(() => client.hide(message.channelId, message.seq, !message.hidden)).then(
                  (ok) => ok && close(),
                )
              }
            >
              {message.hidden ? t('message.unhide') : t('message.hide')}
            </button>
          ) : null}
          {canReport ? (
            <button
              type="button"
              className="secondary chat-small"
              data-action="report"
              onClick={() => openDialog('report')}
            >
              {t('message.report')}
            </button>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="chat-error">
            {error}
          </p>
        ) : null}
      </details>
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={t('message.deleteTitle')}
          text={t('message.deleteText')}
          confirmLabel={t('message.delete')}
          onConfirm={() => client.remove(message.channelId, message.seq)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'report' ? (
        <ReportDialog client={client} message={message} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
