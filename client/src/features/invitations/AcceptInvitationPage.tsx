import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { InvitationInfo } from '../../../../server/protocol/api.ts';
import { post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { useSession } from '../account/session.tsx';
import { AcceptInvitationForm } from './AcceptInvitationForm.tsx';

const validToken = (token: string | null) =>
  token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;

export function AcceptInvitationPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('invitation.title'));
  const [params] = useSearchParams();
  const token = validToken(params.get('token'));
  const invitation = useResource<InvitationInfo>(token ? `/invitations/${token}` : null);
  const { person, loading, refresh } = useSession();
  const format = useFormat();
  const here = `/invitation?token=${token ?? ''}`;

  const body = () => {
    if (!token) return <p className="error-summary">{t('errors:invitation.invalid')}</p>;
    if (invitation.loading || loading) return <p role="status">{t('common:loading')}</p>;
    if (invitation.error || !invitation.data)
      return (
        <p className="error-summary" role="alert">
          {invitation.error?.message ?? t('errors:invitation.invalid')}
        </p>
      );
    const info = invitation.data;
    if (info.acceptedAt) return <p className="notice">{t('invitation.alreadyAccepted')}</p>;
    const forSomeoneElse = person && person.email !== info.email;
    return (
      <>
        <p className="lead">{t('invitation.intro', { organisation: info.organisationName })}</p>
        <dl className="details">
          <dt>{t('fields.email')}</dt>
          <dd dir="ltr">{info.email}</dd>
          <dt>{t('invitation.roles')}</dt>
          <dd>
            {info.roles.map((role) => (
              <span className="tag" key={role}>
                {t(`roles.${role}`)}
              </span>
            ))}
          </dd>
          <dt>{t('invitation.validUntil')}</dt>
          <dd>{format.dateTime(info.expiresAt)}</dd>
        </dl>
        {forSomeoneElse ? (
          <div className="notice">
            <p>{t('invitation.otherPerson', { signedInAs: person.email, invited: info.email })}</p>
            <button
              type="button"
              className="secondary"
              onClick={() => void post('/auth/sign-out').finally(() => void refresh())}
            >
              {t('common:nav.signOut')}
            </button>
          </div>
        ) : (
          <>
            <AcceptInvitationForm token={token} existing={!!person} />
            {person ? null : (
              <p>
                {t('invitation.haveAccount', { email: info.email })}{' '}
                <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>
                  {t('invitation.signInFirst')}
                </Link>
              </p>
            )}
          </>
        )}
      </>
    );
  };

  return (
    <section className="page">
      <h1>{t('invitation.title')}</h1>
      {body()}
    </section>
  );
}
