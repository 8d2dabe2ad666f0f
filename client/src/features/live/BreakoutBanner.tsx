// Where I am while breakout rooms are open: my room, who is with me, and the time left. Screen
// readers hear it at the start, at the one-minute warning and at the end — never every second
// (the visible countdown is hidden from them; the time is in the text they are read).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DoorOpenIcon } from '../../lib/icons.ts';
import { useFormat } from '../../lib/format.ts';
import type { LiveViewState } from './liveState.ts';
import { useNow } from './useNow.ts';

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

export function BreakoutBanner({ state }: { state: LiveViewState }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const now = useNow(1000);
  const { breakout, admitted } = state;
  const self = admitted?.self.peerId;
  const room = breakout?.room ?? null;
  const others = room?.members.filter((m) => m.peerId !== self).map((m) => m.name) ?? [];
  const where = room
    ? others.length > 0
      ? t('breakout.youAreIn', { number: room.number, names: format.names(others) })
      : t('breakout.youAreAlone', { number: room.number })
    : t('breakout.mainRoomOpen');
  const minutesLeft = breakout
    ? Math.max(1, Math.ceil((new Date(breakout.endsAt).getTime() - Date.now()) / 60_000))
    : 0;

  // What the live region says: set on a change of room, the warning, or the end.
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<string | null>(null);
  const key = breakout ? `${room?.id ?? 'main'}|${others.join()}|${breakout.warning}` : 'closed';
  useEffect(() => {
    if (seen.current === null) {
      seen.current = key;
      if (!breakout) return;
    }
    if (seen.current === key) return;
    seen.current = key;
    if (!breakout) setAnnouncement(t('breakout.back'));
    else if (breakout.warning) setAnnouncement(t('breakout.warning'));
    else setAnnouncement(`${where} ${t('breakout.minutesLeft', { count: minutesLeft })}`);
  }, [key, breakout, where, minutesLeft, t]);
  const broadcast = state.breakoutChat.filter((m) => m.broadcast).at(-1);

  return (
    <>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {breakout ? (
        <section className="live-breakout-banner" data-testid="breakout-banner">
          <p className="live-breakout-where">
            <DoorOpenIcon className="live-inline-icon" aria-hidden="true" />
            <span dir="auto">{where}</span>
          </p>
          <p className="live-breakout-time">
            <span>{t('breakout.timeLeft')}</span>{' '}
            <time
              aria-hidden="true"
              data-testid="breakout-countdown"
              data-warning={breakout.warning}
            >
              {clock(new Date(breakout.endsAt).getTime() - now)}
            </time>
            <span className="visually-hidden">
              {t('breakout.minutesLeft', { count: minutesLeft })}
            </span>
          </p>
          {breakout.warning ? (
            <p className="live-breakout-warning">{t('breakout.warning')}</p>
          ) : null}
          {broadcast ? (
            <p className="live-breakout-broadcast" data-testid="breakout-broadcast">
              <strong>{t('breakout.fromHost', { name: broadcast.from })}</strong>{' '}
              <span dir="auto">{broadcast.text}</span>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
