// The plan's current item and its time left, counted on this device from the server's instants.
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../../../../../server/protocol/roomTools.ts';
import { useFormat } from '../../../lib/format.ts';
import { TimerIcon } from '../../../lib/icons.ts';
import { clockText, useTimeLeft } from './toolsTime.ts';

export function PlanStrip({ plan, offset }: { plan: PlanView; offset: number }) {
  const { t } = useTranslation('live');
  const { language } = useFormat();
  const item = plan.items[plan.index];
  const next = plan.items[plan.index + 1];
  const left = useTimeLeft(item ? plan.endsAt : null, offset);
  if (!item) {
    return (
      <p className="room-tool" data-testid="plan-done">
        {t('tools.plan.done')}
      </p>
    );
  }
  const time = clockText(left, language);
  return (
    <div className="room-tool room-plan" data-testid="plan-strip" data-index={plan.index}>
      <TimerIcon className="live-inline-icon" aria-hidden="true" />
      <div>
        <p className="room-plan-now">
          <span className="room-tool-label">
            {t('tools.plan.itemOf', { number: plan.index + 1, total: plan.items.length })}
          </span>{' '}
          <strong dir="auto" data-testid="plan-title">
            {item.title}
          </strong>
        </p>
        {next ? (
          <p className="room-tool-label" dir="auto">
            {t('tools.plan.next', { title: next.title })}
          </p>
        ) : null}
      </div>
      <p
        role="timer"
        className="room-plan-time"
        data-testid="plan-time"
        data-left={Math.round(left / 1000)}
        data-over={left < 0 ? 'true' : 'false'}
      >
        {left >= 0 ? t('tools.plan.timeLeft', { time }) : t('tools.plan.overtime', { time })}
      </p>
    </div>
  );
}
