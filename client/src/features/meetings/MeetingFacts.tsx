import { useTranslation } from 'react-i18next';
import type { GroupDetail } from '../../../../server/protocol/groups.ts';
import { LocalText, useGroupWords } from '../groups/groupText.tsx';
import './meetings.css';
import { PersonName } from '../../lib/bidi.tsx';

/** What a meeting's page says of it, in place of a family group's topics, places and audience. */
export function MeetingFacts({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('meetings');
  const words = useGroupWords();
  // A meeting set up without a description repeats its title there: no need to show it twice.
  const described = JSON.stringify(group.description) !== JSON.stringify(group.title);
  return (
    <>
      <dl className="details group-facts meeting-facts">
        <dt>{t('facts.kind')}</dt>
        <dd>{t(`kinds.${group.kind}`)}</dd>
        <dt>{t('facts.host')}</dt>
        <dd>
          <PersonName name={group.leadFacilitator.displayName} />
        </dd>
        <dt>{t('facts.when')}</dt>
        <dd>{words.schedule(group.schedule)}</dd>
        <dt>{t('facts.members')}</dt>
        {/* Every member holds a confirmed place, so the places taken are the members. */}
        <dd>{t('memberCount', { count: group.capacity - group.freePlaces })}</dd>
      </dl>
      {described ? (
        <div className="group-description">
          <LocalText texts={group.description} className="message-text" />
        </div>
      ) : null}
    </>
  );
}
