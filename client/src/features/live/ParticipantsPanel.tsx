import { memo, useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import { useFormat } from '../../lib/format.ts';
import { HostPersonActions } from './HostPersonActions.tsx';
import { HostRoomControls } from './HostRoomControls.tsx';
import { InterpreterChoice } from './InterpreterChoice.tsx';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { ParticipantStatus } from './ParticipantStatus.tsx';
import { RemoveDialog } from './RemoveDialog.tsx';
import { isolate, PersonName } from '../../lib/bidi.tsx';

/**
 * Everyone in the session. Facilitators also get, per person, what they may do, and for the
 * whole session, lock and end. Always in the page; closing it only hides it. Memoised: it
 * changes with people, not with media.
 */
export const ParticipantsPanel = memo(function ParticipantsPanel({
  participants,
  settings,
  admitted,
  actions,
  open,
  onClose,
  headingRef,
}: {
  participants: LiveViewState['participants'];
  settings: LiveViewState['settings'];
  admitted: LiveViewState['admitted'];
  actions: LiveActions;
  open: boolean;
  onClose: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const [removing, setRemoving] = useState<LiveParticipant | null>(null);
  const selfId = admitted?.self.peerId;
  const host = admitted?.canModerate ?? false;

  return (
    <section
      id="live-participants"
      className="live-panel"
      aria-labelledby="live-participants-h"
      hidden={!open}
    >
      <div className="live-panel-head">
        <h2 id="live-participants-h" ref={headingRef} tabIndex={-1}>
          {t('participants.heading', { count: format.number(participants.length) })}
        </h2>
        <button type="button" className="secondary live-small" onClick={onClose}>
          {t('participants.close')}
        </button>
      </div>
      {host ? <HostRoomControls locked={settings.locked} actions={actions} /> : null}
      <ul className="plain-list live-people">
        {participants.map((p) => {
          const self = p.peerId === selfId;
          return (
            <li key={p.peerId} data-testid="participant" data-peer-id={p.peerId} data-name={p.name}>
              <p className="live-person">
                {self ? (
                  <span>{t('room.youName', { name: isolate(p.name) })}</span>
                ) : (
                  <PersonName name={p.name} />
                )}
                {p.role === 'family' ? null : (
                  <span className="live-role">{t(`roles.${p.role}`)}</span>
                )}
                {p.interpreting ? (
                  <span className="live-role" data-testid="interpreter-badge">
                    {t('interpretation.badge', { language: format.languageName(p.interpreting) })}
                  </span>
                ) : null}
                {settings.spotlight === p.peerId ? (
                  <span className="live-role">{t('room.spotlighted')}</span>
                ) : null}
                <ParticipantStatus participant={p} inList />
              </p>
              {host ? (
                <HostPersonActions
                  participant={p}
                  self={self}
                  spotlit={settings.spotlight === p.peerId}
                  actions={actions}
                  onRemove={() => setRemoving(p)}
                />
              ) : null}
              {host ? <InterpreterChoice participant={p} actions={actions} /> : null}
            </li>
          );
        })}
      </ul>
      {removing ? (
        <RemoveDialog participant={removing} actions={actions} onClose={() => setRemoving(null)} />
      ) : null}
    </section>
  );
});
