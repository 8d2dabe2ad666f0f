import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';

/** Where the live video session will open (a later issue); until then, a friendly note. */
export function SessionPlaceholderPage() {
  const { t } = useTranslation('groups');
  usePageTitle(t('sessionPage.title'));
  return (
    <section className="page">
      <h1>{t('sessionPage.title')}</h1>
      <p className="lead">{t('sessionPage.text')}</p>
      <p>
        <Link to="/my-groups">{t('sessionPage.back')}</Link>
      </p>
    </section>
  );
}
