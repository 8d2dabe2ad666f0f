import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { InterviewEntry, InterviewInfo } from '../../../../server/protocol/training.ts';
import { ApiError, post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { useSession } from '../account/session.tsx';
import { isolate } from '../../lib/bidi.tsx';

/** /interview/:token — the applicant's personal link: when the interview is, and the way in. */
export function InterviewPage() {
  const { t } = useTranslation('recruitment');
  const format = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  const { token = '' } = useParams();
  usePageTitle(t('interview.title'));
  const interview = useResource<InterviewInfo>(`/interviews/${encodeURIComponent(token)}`);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const enter = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const { sessionId } = await post<InterviewEntry>('/interviews/enter', { token });
      // The link may just have signed them in: the session page needs to know.
      await session.refresh();
      void navigate(`/sessions/${sessionId}`);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'internal', String(error)));
      setBusy(false);
    }
  };

  if (interview.error) {
    return (
      <section className="page">
        <h1>{t('interview.title')}</h1>
        <p role="alert" className="error-summary" data-testid="interview-invalid">
          {interview.error.message}
        </p>
      </section>
    );
  }
  const info = interview.data;
  if (!info) {
    return (
      <section className="page">
        <h1>{t('interview.title')}</h1>
        <p role="status">{t('interview.loading')}</p>
      </section>
    );
  }
  const signInNext = `/sign-in?next=${encodeURIComponent(`/interview/${token}`)}`;
  return (
    <section className="page">
      <h1>{t('interview.title')}</h1>
      <p className="lead">{t('interview.greeting', { name: isolate(info.name) })}</p>
      <p data-testid="interview-when">
        {t('interview.when', {
          when: format.sessionTime(info.startsAt),
          count: (Date.parse(info.endsAt) - Date.parse(info.startsAt)) / 60_000,
        })}
      </p>
      <p>{t('interview.howTo')}</p>
      {failure ? (
        <div role="alert" className="error-summary" data-testid="interview-refused">
          <p className="error-summary-title">{failure.message}</p>
          {failure.code === 'interview.signInFirst' ? (
            <p>
              <Link to={signInNext}>{t('interview.signIn')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => void enter()}
          data-testid="enter-interview"
        >
          {t('interview.join')}
        </button>
      </div>
    </section>
  );
}
