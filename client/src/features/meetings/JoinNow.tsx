import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LocalizedText, UpcomingSession } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { LocalText } from '../groups/groupText.tsx';
import { useNow } from '../live/useNow.ts';

/**
 * A "Join" button while a session's joining window is open (the same rule as "My groups":
 * from the window's opening until the session ends); otherwise when it opens next.
 */
export function JoinNow({
  sessions,
  title,
}: {
  sessions: readonly UpcomingSession[];
  title: readonly LocalizedText[];
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const now = useNow(30_000);
  const coming = sessions.filter((s) => s.status !== 'cancelled' && Date.parse(s.endsAt) > now);
  const open = coming.find((s) => Date.parse(s.joinOpensAt) <= now);
  if (open)
    return (
      <p>
        <Link className="button join-button" to={`/sessions/${open.id}`}>
          {t('sessions.join')}
          <span className="visually-hidden">
            {' '}
            <LocalText texts={title} />
          </span>
        </Link>
      </p>
    );
  const next = coming[0];
  return next ? (
    <p className="meta">{t('sessions.joinOpens', { time: format.dateTime(next.joinOpensAt) })}</p>
  ) : null;
}
