import { useTranslation } from 'react-i18next';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';

/** What a facilitator did to our microphone or camera, said kindly, until dismissed. */
export function LiveNotice({ state, actions }: { state: LiveViewState; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const { error, busy, run } = useAction();
  const { notice } = state;

  const unmute = async () => {
    if (state.local.micOn || (await run(() => actions.toggleMic()))) actions.dismissNotice();
  };

  return (
    // Always present, so a notice that appears is read out.
    <div aria-live="polite" className="live-notice-area">
      {notice ? (
        <div className="notice live-notice" data-testid="notice" data-notice={notice}>
          <p>{t(`notice.${notice}`)}</p>
          <div className="actions">
            {notice === 'unmuteRequested' ? (
              <button type="button" disabled={busy} onClick={() => void unmute()}>
                {t('notice.unmute')}
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => actions.dismissNotice()}>
              {t('notice.dismiss')}
            </button>
          </div>
          <ActionError error={error} />
        </div>
      ) : null}
    </div>
  );
}
