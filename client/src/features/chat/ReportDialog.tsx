// Reporting someone else's message: a reason from the contract's list and an optional note. The
// group's facilitators and trainer are told; the writer is not told who reported.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REPORT_REASONS,
  type ChatMessage,
  type ReportReason,
} from '../../../../server/protocol/chat.ts';
import type { ChatClient } from './chatClient.ts';
import { ChatDialog } from './ChatDialog.tsx';
import { useChatAction } from './useChatAction.ts';

const MAX_NOTE = 500;

export function ReportDialog({
  client,
  message,
  onClose,
}: {
  client: ChatClient;
  message: ChatMessage;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  const id = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const { error, busy, run } = useChatAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setMissing(true);
      document.getElementById(`${id}-${REPORT_REASONS[0]}`)?.focus();
      return;
    }
    if (await run(() => client.report(message.channelId, message.seq, reason, note.trim()))) {
      setDone(true);
    }
  };

  return (
    <ChatDialog title={t('report.title')} onClose={onClose} testId="report-dialog">
      {done ? (
        <>
          <p role="status">{t('report.done')}</p>
          <div className="actions">
            <button type="button" onClick={onClose}>
              {t('dialog.close')}
            </button>
          </div>
        </>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <p className="meta">{t('report.intro')}</p>
          <fieldset
            className="chat-reasons"
            aria-describedby={missing ? `${id}-missing` : undefined}
            aria-invalid={missing ? true : undefined}
          >
            <legend>{t('report.reason')}</legend>
            {missing ? (
              <p id={`${id}-missing`} className="field-error">
                {t('report.reasonRequired')}
              </p>
            ) : null}
            {REPORT_REASONS.map((value) => (
              <div className="check" key={value}>
                <input
                  id={`${id}-${value}`}
                  type="radio"
                  name={`${id}-reason`}
                  value={value}
                  checked={reason === value}
                  onChange={() => {
                    setReason(value);
                    setMissing(false);
                  }}
                />
                <label htmlFor={`${id}-${value}`}>{t(`report.reasons.${value}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('report.note')}</label>
            <textarea
              id={`${id}-note`}
              rows={3}
              maxLength={MAX_NOTE}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          {error ? (
            <p role="alert" className="chat-error">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" disabled={busy} data-testid="report-send">
              {t('report.send')}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t('dialog.cancel')}
            </button>
          </div>
        </form>
      )}
    </ChatDialog>
  );
}
