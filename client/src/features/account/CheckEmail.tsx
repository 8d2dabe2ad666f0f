import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';

/** After signing up: the link is in the email. Sending it again is one click away. */
export function CheckEmail({ email }: { email: string }) {
  const { t } = useTranslation('account');
  usePageTitle(t('checkEmail.title'));
  return (
    <section className="page">
      <h1>{t('checkEmail.title')}</h1>
      <p className="lead">{t('checkEmail.sent', { email })}</p>
      <p>{t('checkEmail.next')}</p>
      <ResendVerification email={email} />
    </section>
  );
}

export function ResendVerification({ email }: { email: string }) {
  const { t } = useTranslation('account');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const resend = async () => {
    setState('sending');
    try {
      await post('/auth/resend-verification', { email });
      setState('sent');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="actions">
      <span>{t('checkEmail.noEmail')}</span>
      <button
        type="button"
        className="secondary"
        disabled={state === 'sending'}
        onClick={() => void resend()}
      >
        {t('checkEmail.resend')}
      </button>
      <span role="status">
        {state === 'sent' ? t('checkEmail.resent') : null}
        {state === 'failed' ? t('errors:internal') : null}
      </span>
    </div>
  );
}
