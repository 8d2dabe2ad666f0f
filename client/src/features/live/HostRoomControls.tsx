import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveActions } from './liveState.ts';
import { LiveSwitch } from './LiveSwitch.tsx';
import { ConfirmDialog } from './ModalDialog.tsx';
import { ActionError, useAction } from './useAction.tsx';

/** For facilitators: lock the session to newcomers, or end it for everyone (after a check). */
export function HostRoomControls({ locked, actions }: { locked: boolean; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const { error, run } = useAction();
  const [ending, setEnding] = useState(false);
  return (
    <div className="live-host-controls">
      <LiveSwitch
        testId="lock-switch"
        checked={locked}
        label={t('host.lock')}
        onChange={(on) => void run(() => actions.lock(on))}
      />
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
