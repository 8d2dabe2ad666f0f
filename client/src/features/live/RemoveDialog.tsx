import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import { useFormat } from '../../lib/format.ts';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import type { LiveActions } from './liveState.ts';
import { ModalDialog } from './ModalDialog.tsx';
import { ActionError, useAction } from './useAction.tsx';

const MAX_REASON = 300;

/** Removing someone needs a reason: the person sees it, so it is written with care. */
export function RemoveDialog({
  participant,
  actions,
  onClose,
}: {
  participant: LiveParticipant;
  actions: LiveActions;
  onClose: () => void;
}) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { error, busy, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    if (await run(() => actions.remove(participant.peerId, text))) onClose();
  };

  return (
    <ModalDialog title={t('remove.title', { name: participant.name })} onClose={onClose}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextAreaField
          id={`${id}-reason`}
          label={t('remove.reason')}
          hint={t('remove.hint', { count: MAX_REASON, max: format.number(MAX_REASON) })}
          error={missing ? t('remove.required') : undefined}
          data-testid="remove-reason"
          maxLength={MAX_REASON}
          rows={3}
          required
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            if (event.target.value.trim()) setMissing(false);
          }}
        />
        <ActionError error={error} />
        <div className="actions">
          <button type="submit" className="danger" data-testid="remove-confirm" disabled={busy}>
            {t('remove.confirm')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
