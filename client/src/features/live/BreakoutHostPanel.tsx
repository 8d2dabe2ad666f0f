// The host's breakout tools: split (pairs, threes, a number of rooms; two people kept apart),
// minutes, open; then each room with a visit button and a "move to" choice per person, a
// message to every room, and calling everyone back. A trainer with a training cohort uses the
// same panel (it is shown to whoever may moderate).
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';
import {
  BreakoutHandSplit,
  roomsOf,
  spreadOver,
  type HandAssignment,
} from './BreakoutHandSplit.tsx';

type How = 'pairs' | 'threes' | 'rooms' | 'hand';

export function BreakoutHostPanel({
  state,
  actions,
}: {
  state: LiveViewState;
  actions: LiveActions;
}) {
  const { t } = useTranslation('live');
  const id = useId();
  const { error, busy, run } = useAction();
  const [how, setHow] = useState<How>('pairs');
  const [rooms, setRooms] = useState(2);
  const [minutes, setMinutes] = useState(10);
  const [apart, setApart] = useState<[string, string]>(['', '']);
  const [text, setText] = useState('');
  const [byHand, setByHand] = useState<HandAssignment>({});
  // Folded until the host wants it, so the room stays short on a phone; open while rooms are.
  const [unfolded, setUnfolded] = useState(false);
  const self = state.admitted?.self.peerId ?? '';
  const breakout = state.breakout;
  const people = state.participants.filter((p) => p.role !== 'host');
  // Someone who joined after the host began choosing is spread like the others.
  const assignment = {
    ...spreadOver(
      people.map((p) => p.peerId),
      rooms,
    ),
    ...Object.fromEntries(Object.entries(byHand).filter(([, room]) => room <= rooms)),
  };

  const open = (event: FormEvent) => {
    event.preventDefault();
    const keep: [string, string][] = apart[0] && apart[1] && apart[0] !== apart[1] ? [apart] : [];
    const split =
      how === 'hand'
        ? {
            by: 'hand' as const,
            rooms: roomsOf(
              Object.fromEntries(people.map((p) => [p.peerId, assignment[p.peerId] ?? 0])),
              rooms,
            ),
          }
        : how === 'rooms'
          ? { by: 'rooms' as const, rooms, apart: keep }
          : { by: 'size' as const, size: how === 'pairs' ? 2 : 3, apart: keep };
    void run(() => actions.openBreakouts(minutes, split));
  };
  const broadcast = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && (await run(() => actions.broadcastToBreakouts(text.trim())))) setText('');
  };
  const roomName = (number: number) => t('breakout.roomName', { number });

  return (
    <section
      className="live-panel live-breakouts"
      aria-labelledby={`${id}-h`}
      data-testid="breakout-host"
    >
      <h2 id={`${id}-h`}>
        <button
          type="button"
          className="secondary"
          aria-expanded={unfolded || !!breakout}
          aria-controls={`${id}-body`}
          data-testid="breakout-toggle"
          onClick={() => setUnfolded(!unfolded)}
        >
          {t('breakout.title')}
        </button>
      </h2>
      <div id={`${id}-body`} hidden={!unfolded && !breakout}>
        {!breakout ? (
          <form className="live-breakout-form" onSubmit={open}>
            <fieldset>
              <legend>{t('breakout.split')}</legend>
              {(['pairs', 'threes', 'rooms', 'hand'] as const).map((value) => (
                <label key={value} className="live-breakout-choice">
                  <input
                    type="radio"
                    name={`${id}-how`}
                    value={value}
                    checked={how === value}
                    onChange={() => setHow(value)}
                  />
                  {t(`breakout.how.${value}`)}
                </label>
              ))}
            </fieldset>
            {how === 'rooms' || how === 'hand' ? (
              <label>
                {t('breakout.roomCount')}
                <input
                  type="number"
                  min={2}
                  max={20}
                  value={rooms}
                  onChange={(e) => setRooms(Number(e.target.value))}
                />
              </label>
            ) : null}
            <label>
              {t('breakout.minutes')}
              <input
                type="number"
                min={1}
                max={180}
                value={minutes}
                data-testid="breakout-minutes"
                onChange={(e) => setMinutes(Number(e.target.value))}
              />
            </label>
            {how === 'hand' ? (
              <BreakoutHandSplit
                people={people}
                rooms={rooms}
                assignment={assignment}
                onChange={setByHand}
              />
            ) : (
              <fieldset>
                <legend>{t('breakout.keepApart')}</legend>
                {[0, 1].map((i) => (
                  <select
                    key={i}
                    aria-label={t('breakout.keepApartPerson', { number: i + 1 })}
                    value={apart[i]}
                    onChange={(e) => {
                      const next: [string, string] = [...apart];
                      next[i] = e.target.value;
                      setApart(next);
                    }}
                  >
                    <option value="">{t('breakout.nobody')}</option>
                    {people.map((p) => (
                      <option key={p.peerId} value={p.peerId}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                ))}
              </fieldset>
            )}
            <button type="submit" disabled={busy} data-testid="breakout-open">
              {t('breakout.open')}
            </button>
          </form>
        ) : (
          <>
            <ul className="plain-list live-breakout-rooms">
              {breakout.rooms.map((room) => (
                <li key={room.id}>
                  <h3>{roomName(room.number)}</h3>
                  <ul className="plain-list">
                    {room.members.map((m) => (
                      <li key={m.peerId} className="live-breakout-member">
                        <span dir="auto">{m.name}</span>
                        <select
                          aria-label={t('breakout.moveTo', { name: m.name })}
                          value={room.id}
                          onChange={(e) =>
                            void run(() => actions.moveToBreakout(m.peerId, e.target.value || null))
                          }
                        >
                          <option value="">{t('breakout.mainRoom')}</option>
                          {breakout.rooms.map((r) => (
                            <option key={r.id} value={r.id}>
                              {roomName(r.number)}
                            </option>
                          ))}
                        </select>
                      </li>
                    ))}
                  </ul>
                  {breakout.room?.id !== room.id ? (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() => void run(() => actions.moveToBreakout(self, room.id))}
                    >
                      {t('breakout.visit', { number: room.number })}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {breakout.room ? (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void run(() => actions.moveToBreakout(self, null))}
              >
                {t('breakout.backToMain')}
              </button>
            ) : null}
            <form className="live-whisper-form" onSubmit={(e) => void broadcast(e)}>
              <label htmlFor={`${id}-b`}>{t('breakout.broadcast')}</label>
              <textarea
                id={`${id}-b`}
                dir="auto"
                rows={2}
                maxLength={300}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
              <button type="submit" disabled={busy}>
                {t('breakout.send')}
              </button>
            </form>
            <button
              type="button"
              className="danger"
              disabled={busy}
              data-testid="breakout-close"
              onClick={() => void run(() => actions.closeBreakouts())}
            >
              {t('breakout.callBack')}
            </button>
          </>
        )}
      </div>
      <ActionError error={error} />
    </section>
  );
}
