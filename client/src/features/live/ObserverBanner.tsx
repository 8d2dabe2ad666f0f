import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveActions } from './liveState.ts';
import { ConfirmDialog } from './ModalDialog.tsx';

/** The observing trainer always sees that families cannot see them, and how to step in. */
export function ObserverBanner({ actions }: { actions: LiveActions }) {
  const { t } = useTranslation('live');
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="notice live-observer-banner">
      <p className="notice-title">
        <strong>{t('observer.banner')}</strong>
      </p>
      <p>{t('observer.hint')}</p>
      <p className="actions">
        <button type="button" data-testid="step-in" onClick={() => setConfirming(true)}>
          {t('observer.stepIn')}
        </button>
      </p>
      {confirming ? (
        <ConfirmDialog
          title={t('observer.stepInTitle')}
          text={t('observer.stepInText')}
          confirmLabel={t('observer.stepInConfirm')}
          testId="step-in-confirm"
          onConfirm={() => actions.stepIn()}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </div>
  );
}
