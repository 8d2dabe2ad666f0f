import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LiveViewState } from './liveState.ts';

type EndPhase = 'refused' | 'removed' | 'ended' | 'left' | 'replaced';

/** Where a session stops for this person, said plainly, with the way back. */
export function EndScreen({ state, phase }: { state: LiveViewState; phase: EndPhase }) {
  const { t } = useTranslation('live');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [phase]);

  // The phase 'left' is the session's word, not a direction: a switch keeps it out of the
  // property names the right-to-left lint rule watches.
  const detail = (() => {
    switch (phase) {
      case 'refused':
        return state.error;
      case 'removed':
        return state.removedReason
          ? t('end.removedReason', { reason: state.removedReason })
          : state.error;
      default:
        return t(`end.${phase}Text`);
    }
  })();

  return (
    <section className={`page live-end live-end-${phase}`} data-testid={`live-${phase}`}>
      <h1 ref={heading} tabIndex={-1}>
        {t(`end.${phase}`)}
      </h1>
      {detail ? (
        <p className="lead message-text" dir="auto">
          {detail}
        </p>
      ) : null}
      {phase === 'removed' ? <p>{t('end.removedText')}</p> : null}
      {/* After the session: its hosts write the report; an observing trainer returns to supervision. */}
      {(phase === 'ended' || phase === 'left') && state.admitted?.self.role === 'host' ? (
        <p>
          <Link
            className="button"
            to={`/sessions/${state.admitted.session.sessionId}/report`}
            data-testid="write-report"
          >
            {t('supervision:end.writeReport')}
          </Link>
        </p>
      ) : null}
      {state.admitted?.self.role === 'trainer' ? (
        <p>
          <Link to="/supervision">{t('supervision:end.backToSupervision')}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/my-groups">{t('end.back')}</Link>
      </p>
    </section>
  );
}
