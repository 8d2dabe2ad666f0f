import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';

export function AccountDeletedPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('deleted.title'));
  return (
    <section className="page">
      <h1>{t('deleted.title')}</h1>
      <p className="lead">{t('deleted.text')}</p>
      <p>
        <Link to="/">{t('common:notFound.back')}</Link>
      </p>
    </section>
  );
}
