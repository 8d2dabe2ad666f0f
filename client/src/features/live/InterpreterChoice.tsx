import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import { useFormat } from '../../lib/format.ts';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../lib/spokenLanguages.ts';
import type { LiveActions } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';

/** A facilitator names one person interpreter into a language, or ends it. */
export function InterpreterChoice({
  participant: p,
  actions,
}: {
  participant: LiveParticipant;
  actions: LiveActions;
}) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const { error, busy, run } = useAction();
  return (
    <div className="live-interpreter-choice">
      <label>
        <span>
          {t('interpretation.interprets')}
          <span className="visually-hidden" dir="auto">
            {' '}
            {p.name}
          </span>
        </span>
        <select
          data-testid="interpreter-select"
          value={p.interpreting ?? ''}
          disabled={busy}
          onChange={(event) => {
            const language = event.target.value || null;
            void run(() => actions.setInterpreter(p.peerId, language));
          }}
        >
          <option value="">{t('interpretation.none')}</option>
          {byName(COMMON_SPOKEN_LANGUAGES, format.languageName, format.language).map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <ActionError error={error} />
    </div>
  );
}
