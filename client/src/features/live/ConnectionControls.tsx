import { useTranslation } from 'react-i18next';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { LiveSwitch } from './LiveSwitch.tsx';
import { QualityIndicator } from './QualityIndicator.tsx';
import { ActionError, useAction } from './useAction.tsx';

/**
 * Our connection and what we ask of it, side by side at the top of the room (it scrolls with
 * the page, so on a phone it covers nothing): low bandwidth (the speaker's video only, small)
 * and audio only. The client may turn them on by itself on a weak link; the person can always
 * turn them off or on, and then their choice stays.
 */
export function ConnectionControls({
  state,
  actions,
}: {
  state: LiveViewState;
  actions: LiveActions;
}) {
  const { t } = useTranslation('live');
  const { error, run } = useAction();
  const { local } = state;
  return (
    <div className="live-connection">
      <QualityIndicator quality={state.quality} audioOnly={local.audioOnly} />
      <div className="live-connection-switches">
        <LiveSwitch
          testId="low-bandwidth"
          checked={local.lowBandwidth}
          label={t('controls.lowBandwidth')}
          onChange={(on) => void run(() => actions.setLowBandwidth(on))}
        />
        <LiveSwitch
          testId="audio-only"
          checked={local.audioOnly}
          label={t('controls.audioOnly')}
          onChange={(on) => void run(() => actions.setAudioOnly(on))}
        />
      </div>
      <ActionError error={error} />
    </div>
  );
}
