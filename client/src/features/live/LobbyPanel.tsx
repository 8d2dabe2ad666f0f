import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LobbyEntry } from '../../../../server/protocol/live.ts';
import { useFormat } from '../../lib/format.ts';
import { DoorOpenIcon } from '../../lib/icons.ts';
import type { LiveActions } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';
import { useNow } from './useNow.ts';
import { numberFormat } from '../../lib/intl.ts';

const MAX_MESSAGE = 200;

/** For facilitators: who waits to come in, for how long; let them in, or send a short word. */
export function LobbyPanel({ lobby, actions }: { lobby: LobbyEntry[]; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const { error, busy, run } = useAction();
  const now = useNow(20_000);
  if (lobby.length === 0) return null;

  return (
    <section className="live-lobby" data-testid="lobby-panel" aria-labelledby="live-lobby-h">
      <div className="live-panel-head">
        <h2 id="live-lobby-h">
          <DoorOpenIcon className="live-inline-icon" aria-hidden="true" />
          {t('lobby.heading', { count: format.number(lobby.length) })}
        </h2>
        <button
          type="button"
          data-testid="admit-all"
          disabled={busy}
          onClick={() => void run(() => actions.admit('all'))}
        >
          {t('lobby.admitAll')}
        </button>
      </div>
      <ActionError error={error} />
      <ul className="plain-list">
        {lobby.map((entry) => (
          <LobbyEntryRow key={entry.peerId} entry={entry} now={now} actions={actions} />
        ))}
      </ul>
    </section>
  );
}

function LobbyEntryRow({
  entry,
  now,
  actions,
}: {
  entry: LobbyEntry;
  now: number;
  actions: LiveActions;
}) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const id = useId();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const admitting = useAction();
  const messaging = useAction();
  const minutes = Math.max(0, Math.floor((now - Date.parse(entry.since)) / 60_000));
  // Intl names the unit with the language's own plural ("3 minuuttia", "٣ دقائق").
  const waited = numberFormat(format.language, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'long',
  }).format(minutes);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message) return;
    setSent(false);
    if (await messaging.run(() => actions.messageLobby(entry.peerId, message))) {
      setText('');
      setSent(true);
    }
  };

  return (
    <li className="live-lobby-entry" data-testid="lobby-entry" data-peer-id={entry.peerId}>
      <p className="live-person">
        <strong dir="auto">{entry.name}</strong>
        <span className="meta">
          {minutes < 1 ? t('lobby.justArrived') : t('lobby.waiting', { time: waited })}
        </span>
        <button
          type="button"
          data-action="admit"
          disabled={admitting.busy}
          onClick={() => void admitting.run(() => actions.admit(entry.peerId))}
        >
          {t('lobby.admit')}
          <span className="visually-hidden" dir="auto">
            {' '}
            {entry.name}
          </span>
        </button>
      </p>
      <ActionError error={admitting.error} />
      <form className="live-inline-form" onSubmit={(event) => void send(event)}>
        <label htmlFor={`${id}-message`}>{t('lobby.message', { name: entry.name })}</label>
        <input
          id={`${id}-message`}
          type="text"
          maxLength={MAX_MESSAGE}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="secondary" disabled={messaging.busy}>
          {t('lobby.send')}
        </button>
      </form>
      <p role="status" className="meta">
        {sent ? t('lobby.sent') : null}
      </p>
      <ActionError error={messaging.error} />
    </li>
  );
}
