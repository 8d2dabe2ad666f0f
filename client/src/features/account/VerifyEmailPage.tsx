import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, post } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';

// A link works once: a second request (React's development double effects, a re-render) must
// reuse the first one's answer rather than use the token up again.
const attempts = new Map<string, Promise<void>>();
function verifyOnce(token: string): Promise<void> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = post('/auth/verify-email', { token }).then(() => undefined);
    attempts.set(token, attempt);
  }
  return attempt;
}

export function VerifyEmailPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<{ status: 'working' | 'verified' | 'failed'; error?: string }>(
    { status: 'working' },
  );

  useEffect(() => {
    let current = true;
    verifyOnce(token).then(
      () => current && setState({ status: 'verified' }),
      (error: unknown) =>
        current &&
        setState({
          status: 'failed',
          error: error instanceof ApiError ? error.message : t('errors:internal'),
        }),
    );
    return () => {
      current = false;
    };
  }, [token, t]);

  return (
    <section className="page">
      <h1>{t('verify.title')}</h1>
      {state.status === 'working' ? <p role="status">{t('verify.working')}</p> : null}
      {state.status === 'verified' ? (
        <div className="notice" role="status">
          <p>{t('verify.done')}</p>
          <p>
            <Link className="button" to="/sign-in">
              {t('verify.signIn')}
            </Link>
          </p>
        </div>
      ) : null}
      {state.status === 'failed' ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{state.error}</p>
          <p>
            <Link to="/sign-in">{t('verify.tryAgain')}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
