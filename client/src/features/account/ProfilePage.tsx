import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { PauseSection } from '../supervision/PauseSection.tsx';
import { DeleteAccountSection } from './DeleteAccountSection.tsx';
import { MyDataSection } from './MyDataSection.tsx';
import { MyReferralsSection } from '../referrals/MyReferralsSection.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { hasAnyRole, useSession } from './session.tsx';
import { Technical } from '../../lib/bidi.tsx';

/** Shown only behind <RequireSignIn>. */
export function ProfilePage() {
  const { t } = useTranslation('account');
  usePageTitle(t('profile.title'));
  const { person } = useSession();
  const format = useFormat();
  if (!person) return null;
  return (
    <section className="page">
      <h1>{t('profile.title')}</h1>
      <dl className="details">
        <dt>{t('fields.email')}</dt>
        <dd>
          <Technical>{person.email}</Technical>
        </dd>
        <dt>{t('profile.roles')}</dt>
        <dd>
          {person.roles.length > 0
            ? person.roles.map((role) => (
                <span className="tag" key={role}>
                  {t(`roles.${role}`)}
                </span>
              ))
            : t('profile.noRoles')}
        </dd>
        <dt>{t('profile.memberSince')}</dt>
        <dd>{format.date(person.createdAt)}</dd>
      </dl>
      <p>{t('profile.intro')}</p>
      <ProfileForm person={person} />
      {hasAnyRole(person, ['facilitator']) ? <PauseSection /> : null}
      {hasAnyRole(person, ['family']) ? <MyReferralsSection /> : null}
      <MyDataSection />
      <DeleteAccountSection />
    </section>
  );
}
