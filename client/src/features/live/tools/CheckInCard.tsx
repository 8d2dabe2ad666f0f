// A quick anonymous check-in in the reader's language: answer once; once the host closes it, the
// counts only — and nothing at all below the minimum number of answers (the server decides).
import { useTranslation } from 'react-i18next';
import {
  CHECK_IN_CHOICES,
  CHECK_IN_MINIMUM,
  type CheckInView,
} from '../../../../../server/protocol/roomTools.ts';
import { ChartIcon } from '../../../lib/icons.ts';
import type { LiveActions } from '../liveState.ts';
import { ActionError, useAction } from '../useAction.tsx';

interface Props {
  checkIn: CheckInView;
  canAnswer: boolean;
  host: boolean;
  actions: LiveActions;
}

export function CheckInCard({ checkIn, canAnswer, host, actions }: Props) {
  const { t } = useTranslation('live');
  const { error, run } = useAction();
  const kind = checkIn.kind;
  const choices = Array.from({ length: CHECK_IN_CHOICES[kind] }, (_, i) =>
    t(`tools.checkIn.${kind}.choice${i + 1}`),
  );
  const question = t(`tools.checkIn.${kind}.question`);
  return (
    <div className="room-tool room-checkin" data-testid="check-in">
      <p>
        <ChartIcon className="live-inline-icon" aria-hidden="true" />
        <strong id="check-in-question">{question}</strong>
      </p>
      {!checkIn.closed && canAnswer && !checkIn.mine ? (
        <div className="room-checkin-choices" role="group" aria-labelledby="check-in-question">
          {choices.map((label, i) => (
            <button
              type="button"
              key={label}
              className="live-small"
              data-testid={`check-in-choice-${i}`}
              onClick={() => void run(() => actions.tool('live:checkInAnswer', { choice: i }))}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
      {checkIn.mine && !checkIn.closed ? (
        <p data-testid="check-in-thanks">{t('tools.checkIn.thanks')}</p>
      ) : null}
      <p className="room-tool-label">
        {t('tools.checkIn.answered', { count: checkIn.answered })}{' '}
        {t('tools.checkIn.anonymous', { count: CHECK_IN_MINIMUM })}
      </p>
      {checkIn.closed && checkIn.counts ? (
        <ul className="room-checkin-result" data-testid="check-in-result">
          {checkIn.counts.map((count, i) => (
            <li key={choices[i]}>
              <span>{choices[i]}</span>
              <meter min={0} max={checkIn.answered} value={count} aria-hidden="true" />
              <span>{t('tools.checkIn.count', { count })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {checkIn.closed && !checkIn.counts ? (
        <p data-testid="check-in-too-few">
          {t('tools.checkIn.tooFew', { count: CHECK_IN_MINIMUM })}
        </p>
      ) : null}
      {host && checkIn.closed && checkIn.counts ? (
        checkIn.inReport ? (
          <p>{t('tools.checkIn.inReport')}</p>
        ) : (
          <button
            type="button"
            className="live-small"
            data-testid="check-in-to-report"
            onClick={() => void run(() => actions.tool('live:checkInToReport', {}))}
          >
            {t('tools.checkIn.toReport')}
          </button>
        )
      ) : null}
      {host && !checkIn.closed ? (
        <button
          type="button"
          className="live-small"
          data-testid="check-in-close"
          onClick={() => void run(() => actions.tool('live:checkInClose', {}))}
        >
          {t('tools.checkIn.close')}
        </button>
      ) : null}
      <ActionError error={error} />
    </div>
  );
}
