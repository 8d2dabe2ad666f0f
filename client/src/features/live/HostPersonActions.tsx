import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import type { LiveActions } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';

type HostAction = 'mute' | 'ask-unmute' | 'stop-camera' | 'spotlight' | 'remove';

/**
 * A facilitator's buttons for one person: only those that make sense now (mute when the
 * microphone is on, ask to unmute when it is off…). Each button's name includes the person's.
 */
export function HostPersonActions({
  participant: p,
  self,
  spotlit,
  actions,
  onRemove,
}: {
  participant: LiveParticipant;
  self: boolean;
  spotlit: boolean;
  actions: LiveActions;
  onRemove: () => void;
}) {
  const { t } = useTranslation('live');
  const { error, busy, run } = useAction();

  // Keyed by slot, so a button that changes (mute → ask to unmute) keeps the keyboard focus.
  const buttons: {
    slot: string;
    action: HostAction;
    label: string;
    onClick: () => void;
    off?: boolean;
  }[] = [];
  const act = (action: () => Promise<void>) => () => void run(action);
  if (!self) {
    buttons.push(
      p.micMuted
        ? {
            slot: 'mic',
            action: 'ask-unmute',
            label: t('participants.askUnmute'),
            onClick: act(() => actions.askUnmute(p.peerId)),
          }
        : {
            slot: 'mic',
            action: 'mute',
            label: t('participants.mute'),
            onClick: act(() => actions.mute(p.peerId)),
          },
      // Stays in place once the camera is off (aria-disabled), rather than vanishing under focus.
      {
        slot: 'camera',
        action: 'stop-camera',
        label: t('participants.stopCamera'),
        onClick: act(() => actions.stopCamera(p.peerId)),
        off: p.cameraOff,
      },
    );
  }
  buttons.push({
    slot: 'spotlight',
    action: 'spotlight',
    label: t(spotlit ? 'participants.unspotlight' : 'participants.spotlight'),
    onClick: act(() => actions.spotlight(spotlit ? null : p.peerId)),
  });
  if (!self)
    buttons.push({
      slot: 'remove',
      action: 'remove',
      label: t('participants.remove'),
      onClick: onRemove,
    });

  return (
    <>
      <div className="live-host-actions">
        {buttons.map(({ slot, action, label, onClick, off = false }) => (
          <button
            key={slot}
            type="button"
            className={
              action === 'remove' ? 'secondary live-small live-remove' : 'secondary live-small'
            }
            data-action={action}
            aria-disabled={off || (busy && action !== 'remove') ? true : undefined}
            onClick={off || (busy && action !== 'remove') ? undefined : onClick}
          >
            {label}
            <span className="visually-hidden" dir="auto">
              {' '}
              {p.name}
            </span>
          </button>
        ))}
      </div>
      <ActionError error={error} />
    </>
  );
}
