import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isolate } from '../../lib/bidi.tsx';

/** On the sign-in and sign-up pages: the person is signed in already, as `name`. */
export function AlreadySignedIn({ name }: { name: string }) {
  const { t } = useTranslation('account');
  return (
    <p className="notice" role="status">
      {t('signUp.alreadySignedIn', { name: isolate(name) })}{' '}
      <Link to="/profile">{t('signUp.toProfile')}</Link>
    </p>
  );
}
