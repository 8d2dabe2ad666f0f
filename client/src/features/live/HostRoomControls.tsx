import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveActions } from './liveState.ts';
import { ConfirmDialog } from './ModalDialog.tsx';
import { ActionError, useAction } from './useAction.tsx';

/** For facilitators: lock the session to newcomers, or end it for everyone (after a check). */
export function HostRoomControls({ locked, actions }: { locked: boolean; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const { error, run } = useAction();
  const [ending, setEnding] = useState(false);
  return (
    <div className="live-host-controls">
      <label className="live-switch">
        <input
          type="checkbox"
          role="switch"
          data-testid="lock-switch"
          checked={locked}
          onChange={(event) => {
            const locked = event.target.checked;
            void run(() => actions.lock(locked));
          }}
        />
        <span>{t('host.lock')}</span>
      </label>
      <p className="field-hint">{t('host.lockHint')}</p>
      <p>
        <button
          type="button"
          className="danger live-small"
          data-testid="end-for-all"
          onClick={() => setEnding(true)}
        >
          {t('host.end')}
        </button>
      </p>
      <ActionError error={error} />
      {ending ? (
        <ConfirmDialog
          title={t('host.endTitle')}
          text={t('host.endText')}
          confirmLabel={t('host.endConfirm')}
          danger
          testId="end-confirm"
          onConfirm={() => actions.endForAll()}
          onClose={() => setEnding(false)}
        />
      ) : null}
    </div>
  );
}
