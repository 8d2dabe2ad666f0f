// The pair's next video meeting, with the way in, and the form to plan one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PairingInfo } from '../../../../server/protocol/alongside.ts';
import { useFormat } from '../../lib/format.ts';
import { VideoIcon } from '../../lib/icons.ts';
import { PlanMeetingForm } from './PlanMeetingForm.tsx';

export function NextMeeting({
  pairing,
  onChange,
  level = 4,
}: {
  pairing: PairingInfo;
  onChange: () => void;
  /** Its heading's level under the pairing's own. */
  level?: 3 | 4;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const { t } = useTranslation('alongside');
  const format = useFormat();
  const [planning, setPlanning] = useState(false);
  const next = pairing.nextMeeting;
  return (
    <div className="alongside-meeting">
      <Heading>{t('meeting.title')}</Heading>
      {next ? (
        <p>
          {t('meeting.next', { when: format.sessionTime(next.startsAt) })}{' '}
          <Link className="button join-button" to={`/sessions/${next.sessionId}`}>
            <VideoIcon aria-hidden="true" size={18} /> {t('meeting.join')}
          </Link>
        </p>
      ) : (
        <p className="meta">{t('meeting.none')}</p>
      )}
      {planning ? (
        <PlanMeetingForm
          pairingId={pairing.id}
          onPlanned={() => {
            setPlanning(false);
            onChange();
          }}
          onCancel={() => setPlanning(false)}
        />
      ) : (
        <button type="button" className="secondary" onClick={() => setPlanning(true)}>
          {next ? t('meeting.replan') : t('meeting.plan')}
        </button>
      )}
    </div>
  );
}
