import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { HeadphonesIcon } from '../../lib/icons.ts';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';

/**
 * What I hear while someone interprets: the floor, or a language's channel (its interpreter at
 * full volume, the floor turned down). An interpreter is told what they do instead: they hear
 * the floor and speak into their channel. Nothing shows while nobody interprets.
 */
export function ChannelPicker({ state, actions }: { state: LiveViewState; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const { error, run } = useAction();
  const selfId = state.admitted?.self.peerId;
  const me = state.participants.find((p) => p.peerId === selfId);
  if (me?.interpreting) {
    return (
      <p className="live-channel" data-testid="interpreting-self">
        <HeadphonesIcon className="live-inline-icon" aria-hidden="true" />
        {t('interpretation.youInterpret', { language: format.languageName(me.interpreting) })}
      </p>
    );
  }
  const channels = new Map<string, string[]>();
  for (const p of state.participants) {
    if (p.interpreting && p.peerId !== selfId) {
      channels.set(p.interpreting, [...(channels.get(p.interpreting) ?? []), p.name]);
    }
  }
  if (channels.size === 0) return null;
  // A channel whose interpreter stopped: the server has put us back on the floor.
  const value = state.channel && channels.has(state.channel) ? state.channel : '';
  return (
    <div className="live-channel">
      <label>
        <HeadphonesIcon className="live-inline-icon" aria-hidden="true" />
        <span>{t('interpretation.hear')}</span>
        <select
          data-testid="channel-select"
          value={value}
          onChange={(event) => {
            const language = event.target.value || null;
            void run(() => actions.setChannel(language));
          }}
        >
          <option value="">{t('interpretation.floor')}</option>
          {[...channels].map(([language, names]) => (
            <option key={language} value={language}>
              {t('interpretation.channel', {
                language: format.languageName(language),
                names: format.names(names),
              })}
            </option>
          ))}
        </select>
      </label>
      <ActionError error={error} />
    </div>
  );
}
