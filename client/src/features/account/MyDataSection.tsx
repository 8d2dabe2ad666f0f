import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, get, post } from '../../lib/api.ts';
import type { SignInNotice } from './SignInPage.tsx';
import { useSession } from './session.tsx';
import { isolate } from '../../lib/bidi.tsx';

const EXPORT_FILE = 'rinnalla-my-data.json';

/** Download everything about me (portability), and end every session on every device. */
export function MyDataSection() {
  const { t } = useTranslation('account');
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const data = await get<unknown>('/me/export');
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = EXPORT_FILE;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(t('myData.downloaded', { file: isolate(EXPORT_FILE) }));
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : t('errors:internal'));
    } finally {
      setBusy(false);
    }
  };

  const signOutEverywhere = async () => {
    setBusy(true);
    try {
      await post('/auth/sign-out-everywhere');
      const notice: SignInNotice = 'signedOutEverywhere';
      void navigate('/sign-in', { state: { notice } });
      signedOut();
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : t('errors:internal'));
      setBusy(false);
    }
  };

  return (
    <section className="section" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">{t('myData.title')}</h2>
      <p>{t('myData.downloadText')}</p>
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void download()}>
          {t('myData.download')}
        </button>
      </div>
      <p>{t('myData.signOutEverywhereText')}</p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void signOutEverywhere()}
        >
          {t('myData.signOutEverywhere')}
        </button>
      </div>
      <p role="status">{status}</p>
    </section>
  );
}
