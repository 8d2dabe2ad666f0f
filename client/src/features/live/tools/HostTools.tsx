// The host's buttons for the tools, folded away under one disclosure (native <details>: keyboard
// and screen readers know it) so the room stays short on a phone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHECK_IN_KINDS,
  PLAN_EXTEND_MINUTES,
  type CheckInKind,
  type ToolsView,
} from '../../../../../server/protocol/roomTools.ts';
import type { LiveActions } from '../liveState.ts';
import { ActionError, useAction } from '../useAction.tsx';

export function HostTools({ tools, actions }: { tools: ToolsView; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const { error, run } = useAction();
  const [order, setOrder] = useState<'seat' | 'shuffled'>('seat');
  const [speakerMinutes, setSpeakerMinutes] = useState(0);
  const [kind, setKind] = useState<CheckInKind>('mood');
  const plan = tools.plan;
  const running = !!plan && plan.index < plan.items.length;
  const index = plan?.index;
  const planAction = (action: 'start' | 'next' | 'skip' | 'extend' | 'stop') => () =>
    void run(() => actions.tool('live:plan', action === 'start' ? { action } : { action, index }));

  return (
    <details className="room-host-tools" data-testid="host-tools">
      <summary>{t('tools.host.heading')}</summary>
      <fieldset>
        <legend>{t('tools.plan.heading')}</legend>
        {running ? (
          <p className="room-tool-actions">
            <button
              type="button"
              className="live-small"
              data-testid="plan-next"
              onClick={planAction('next')}
            >
              {t('tools.plan.moveOn')}
            </button>
            <button
              type="button"
              className="live-small"
              data-testid="plan-extend"
              onClick={planAction('extend')}
            >
              {t('tools.plan.extend', { count: PLAN_EXTEND_MINUTES })}
            </button>
            <button
              type="button"
              className="live-small"
              data-testid="plan-skip"
              onClick={planAction('skip')}
            >
              {t('tools.plan.skip')}
            </button>
            <button
              type="button"
              className="live-small"
              data-testid="plan-stop"
              onClick={planAction('stop')}
            >
              {t('tools.plan.stop')}
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="live-small"
            data-testid="plan-start"
            onClick={planAction('start')}
          >
            {t('tools.plan.start')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('tools.round.heading')}</legend>
        {tools.round ? (
          <button
            type="button"
            className="live-small"
            data-testid="round-end"
            onClick={() => void run(() => actions.tool('live:roundEnd', {}))}
          >
            {t('tools.round.end')}
          </button>
        ) : (
          <form
            className="room-tool-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(() => actions.tool('live:roundStart', { order, speakerMinutes }));
            }}
          >
            <label>
              <input
                type="radio"
                name="round-order"
                checked={order === 'seat'}
                onChange={() => setOrder('seat')}
              />{' '}
              {t('tools.round.bySeat')}
            </label>
            <label>
              <input
                type="radio"
                name="round-order"
                checked={order === 'shuffled'}
                onChange={() => setOrder('shuffled')}
              />{' '}
              {t('tools.round.shuffled')}
            </label>
            <label className="room-tool-number">
              {t('tools.round.speakerMinutes')}
              <input
                type="number"
                min={0}
                max={10}
                inputMode="numeric"
                value={speakerMinutes}
                onChange={(event) =>
                  setSpeakerMinutes(Math.max(0, Math.min(10, Number(event.target.value) || 0)))
                }
              />
            </label>
            <button type="submit" className="live-small" data-testid="round-start">
              {t('tools.round.start')}
            </button>
          </form>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('tools.checkIn.heading')}</legend>
        <form
          className="room-tool-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => actions.tool('live:checkInAsk', { kind }));
          }}
        >
          <label className="room-tool-number">
            {t('tools.checkIn.kind')}
            <select
              value={kind}
              data-testid="check-in-kind"
              onChange={(event) => setKind(event.target.value as CheckInKind)}
            >
              {CHECK_IN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`tools.checkIn.${k}.name`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="live-small" data-testid="check-in-ask">
            {t('tools.checkIn.ask')}
          </button>
        </form>
      </fieldset>
      <ActionError error={error} />
    </details>
  );
}
