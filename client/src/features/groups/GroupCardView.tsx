import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GroupCard } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { nextSession } from './useSessionState.ts';
import { LanguageChips, LocalText, useGroupWords } from './groupText.tsx';

/** A group in a list: enough to decide whether to open it. */
export function GroupCardView({
  group,
  headingLevel = 2,
}: {
  group: GroupCard;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('groups');
  const words = useGroupWords();
  const format = useFormat();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const next = nextSession(group.nextSessions);
  return (
    <article className="card group-card">
      <Heading>
        <Link id={`group-link-${group.id}`} to={`/groups/${group.id}`}>
          <LocalText texts={group.title} />
        </Link>
      </Heading>
      <LanguageChips codes={group.sessionLanguages} />
      <p>
        {group.topics.map((topic) => (
          <span className="tag" key={topic}>
            {words.topic(topic)}
          </span>
        ))}
      </p>
      <dl className="details">
        <dt>{t('group.when')}</dt>
        <dd>{words.weekdayAt(group.weekday, group.startTime)}</dd>
        <dt>{t('group.region')}</dt>
        <dd>{words.region(group.region)}</dd>
        <dt>{t('group.places')}</dt>
        <dd>{words.places(group)}</dd>
        <dt>{t('group.nextSession')}</dt>
        <dd>
          {next ? (
            <time dateTime={next.startsAt}>{format.sessionTime(next.startsAt)}</time>
          ) : (
            t('group.noUpcoming')
          )}
        </dd>
      </dl>
    </article>
  );
}
