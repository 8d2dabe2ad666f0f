// The parts a group's staff pages (managing, editing) share around their own content.
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GroupDetail } from '../../../../server/protocol/groups.ts';
import type { ApiError } from '../../lib/api.ts';
import { LocalText } from './groupText.tsx';

/** The group is loading, or why it could not be loaded. */
export function GroupLoadingPage({ error }: { error: ApiError | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <p role={error ? 'alert' : 'status'}>{error ? error.message : t('loading')}</p>
    </section>
  );
}

/** A link back to the group's page, and the page's heading with the group's title. */
export function GroupSubpageHeading({ group, heading }: { group: GroupDetail; heading: string }) {
  const { t } = useTranslation('groups');
  return (
    <>
      <p>
        <Link to={`/groups/${group.id}`}>{t('manage.backToGroup')}</Link>
      </p>
      <h1>
        <Trans
          t={t}
          i18nKey="manage.pageHeading"
          values={{ heading }}
          components={{ group: <LocalText texts={group.title} /> }}
        />
      </h1>
    </>
  );
}
