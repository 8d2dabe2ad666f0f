import { useTranslation } from 'react-i18next';

/** A page the signed-in person may not see. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
    </section>
  );
}
