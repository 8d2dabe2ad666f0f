// A speaking round as everyone sees it: the order, who speaks now (spotlighted on the stage by
// the server), their gentle time if the host set one, and the hands waiting for the round's end.
import { useTranslation } from 'react-i18next';
import type { ToolsView } from '../../../../../server/protocol/roomTools.ts';
import { useFormat } from '../../../lib/format.ts';
import { HandIcon, OrderIcon } from '../../../lib/icons.ts';
import type { LiveActions } from '../liveState.ts';
import { ActionError, useAction } from '../useAction.tsx';
import { clockText, useTimeLeft } from './toolsTime.ts';

interface Props {
  tools: ToolsView;
  self: string;
  host: boolean;
  nameOf: (peerId: string) => string;
  offset: number;
  actions: LiveActions;
}

export function RoundStrip({ tools, self, host, nameOf, offset, actions }: Props) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const { error, run } = useAction();
  const round = tools.round;
  const speaker = round?.order[round.index];
  const left = useTimeLeft(round?.speakerEndsAt, offset);
  const after = tools.handsAfterRound.map(nameOf).filter(Boolean);
  if (!round || !speaker) {
    return after.length ? (
      <p className="room-tool" data-testid="hands-after-round">
        <HandIcon className="live-inline-icon" aria-hidden="true" />
        {t('tools.round.handsAfter', { names: format.names(after) })}
      </p>
    ) : null;
  }
  const mine = speaker === self;
  return (
    <div className="room-tool room-round" data-testid="round-strip">
      <p>
        <OrderIcon className="live-inline-icon" aria-hidden="true" />
        <strong data-testid="round-speaker" data-peer={speaker}>
          {mine ? t('tools.round.yourTurn') : t('tools.round.speaking', { name: nameOf(speaker) })}
        </strong>
        {round.speakerEndsAt ? (
          <span role="timer" className="room-tool-label">
            {' '}
            {t('tools.round.speakerTime', { time: clockText(Math.max(0, left), format.language) })}
          </span>
        ) : null}
      </p>
      <ol className="room-round-order" aria-label={t('tools.round.order')}>
        {round.order.map((peerId, i) => (
          <li key={peerId} aria-current={i === round.index ? 'true' : undefined} dir="auto">
            {nameOf(peerId)}
          </li>
        ))}
      </ol>
      {round.queuedHands.length ? (
        <p className="room-tool-label" data-testid="round-queued">
          {t('tools.round.queued', { count: round.queuedHands.length })}
        </p>
      ) : null}
      {mine || host ? (
        <p className="room-tool-actions">
          <button
            type="button"
            className="live-small"
            data-testid="round-pass"
            onClick={() => void run(() => actions.tool('live:roundPass', { peerId: speaker }))}
          >
            {mine ? t('tools.round.pass') : t('tools.round.moveOn')}
          </button>
        </p>
      ) : null}
      <ActionError error={error} />
    </div>
  );
}
