import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab title names the page first: what a screen reader reads when the page changes. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const appName = t('common:appName');
  useEffect(() => {
    document.title = title ? `${title} – ${appName}` : appName;
  }, [title, appName]);
}
