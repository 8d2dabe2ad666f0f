import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationInfo } from '../../../../server/protocol/api.ts';
import { ApiError, del } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { Resource } from '../../lib/useResource.ts';
import { isolate } from '../../lib/bidi.tsx';

export function InvitationList({ resource }: { resource: Resource<InvitationInfo[]> }) {
  const { t } = useTranslation('account');
  const format = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const revoke = async (invitation: InvitationInfo) => {
    setBusyId(invitation.id);
    try {
      await del(`/invitations/${invitation.id}`);
      setStatus(t('admin.invitations.revoked', { email: isolate(invitation.email) }));
      resource.reload();
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : t('errors:internal'));
    } finally {
      setBusyId(null);
    }
  };

  if (resource.error)
    return (
      <p className="error-summary" role="alert">
        {resource.error.message}
      </p>
    );
  if (!resource.data) return <p role="status">{t('common:loading')}</p>;
  const now = Date.now();
  return (
    <>
      <p role="status">{status}</p>
      {resource.data.length === 0 ? <p>{t('admin.invitations.none')}</p> : null}
      <ul className="plain-list">
        {resource.data.map((invitation) => {
          const pending = !invitation.acceptedAt && Date.parse(invitation.expiresAt) > now;
          return (
            <li key={invitation.id} className="card">
              <h3 dir="ltr">{invitation.email}</h3>
              <p>
                {invitation.roles.map((role) => (
                  <span className="tag" key={role}>
                    {t(`roles.${role}`)}
                  </span>
                ))}
              </p>
              <p className="meta">
                {invitation.organisationName} ·{' '}
                {invitation.acceptedAt
                  ? t('admin.invitations.accepted', { date: format.date(invitation.acceptedAt) })
                  : pending
                    ? t('admin.invitations.pending', { date: format.date(invitation.expiresAt) })
                    : t('admin.invitations.expired')}
              </p>
              {pending ? (
                <button
                  type="button"
                  className="secondary"
                  disabled={busyId === invitation.id}
                  onClick={() => void revoke(invitation)}
                >
                  {t('admin.invitations.revoke')}
                  <span className="visually-hidden"> {invitation.email}</span>
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
