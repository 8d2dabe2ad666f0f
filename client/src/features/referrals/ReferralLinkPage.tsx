// A family opens a partner's referral link: what it is about, and their choice of what the
// partner may follow (nothing is ticked for them). Then on to sign up, or to the group.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isLanguage } from '../../../../server/protocol/languages.ts';
import {
  REFERRAL_CONSENT_VERSION,
  REFERRAL_STAGES,
  type ReferralLinkInfo,
  type ReferralStage,
} from '../../../../server/protocol/referrals.ts';
import { chooseLanguage } from '../../app/i18n.ts';
import { ApiError, post } from '../../lib/api.ts';
import { isolate } from '../../lib/bidi.tsx';
import { CheckboxGroup } from '../../lib/forms/fields.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { useSession } from '../account/session.tsx';
import { useReferralWords } from './referralWords.ts';

/** The catalogue filtered to the kind of group the partner suggested. */
function catalogueLink({ target }: ReferralLinkInfo) {
  const filters = { lang: target.language, region: target.region, topic: target.topic };
  const query = Object.entries(filters).filter((e): e is [string, string] => !!e[1]);
  return `/groups?${new URLSearchParams(query).toString()}`;
}

export function ReferralLinkPage() {
  const { t } = useTranslation('partners');
  usePageTitle(t('link.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const linkLanguage = params.get('lang');
  const { person } = useSession();
  const words = useReferralWords();
  const id = useId();
  const wellFormed = /^[A-Za-z0-9_-]{20,100}$/.test(token);
  const loaded = useResource<ReferralLinkInfo>(wellFormed ? `/referral-links/${token}` : null);
  const [answer, setAnswer] = useState<ReferralLinkInfo | null>(null);
  const [stages, setStages] = useState<ReferralStage[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The link carries the family's language: the page speaks it (they can still switch).
  useEffect(() => {
    if (isLanguage(linkLanguage) && !person) void chooseLanguage(linkLanguage);
  }, [linkLanguage, person]);

  const info = answer ?? loaded.data;
  // A link cut short or mistyped is never fetched: say so at once rather than load forever.
  if (!wellFormed || loaded.error)
    return (
      <section className="page">
        <h1>{t('link.title')}</h1>
        <p className="error-summary" role="alert">
          {loaded.error?.message ?? t('link.invalid')}
        </p>
      </section>
    );
  if (!info) return <p role="status">{t('common:loading')}</p>;

  const organisation = isolate(info.organisationName);
  const send = async (chosen: ReferralStage[]) => {
    setBusy(true);
    setError(null);
    try {
      const body = { version: REFERRAL_CONSENT_VERSION, stages: chosen };
      setAnswer(await post<ReferralLinkInfo>(`/referral-links/${token}/consent`, body));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors:internal'));
    } finally {
      setBusy(false);
    }
  };
  const answered = answer !== null;
  const family = !!person?.roles.includes('family');
  const here = `/referral?${new URLSearchParams({ token, lang: info.language }).toString()}`;
  const signUpLink = (share: ReferralStage[]) =>
    `/sign-up?${new URLSearchParams({
      referral: token,
      lang: info.language,
      ...(share.length ? { share: share.join(',') } : {}),
    }).toString()}`;

  return (
    <section className="page referral-link">
      <h1>{t('link.title')}</h1>
      <p className="lead">{t('link.intro', { organisation })}</p>
      <p className="card">
        {info.target.alongside
          ? t('link.toAlongside')
          : info.target.groupId
            ? t('link.toGroup')
            : t('link.toKind')}{' '}
        <strong>{words.target(info.target)}</strong>
      </p>
      {answered ? (
        <div className="notice" role="status">
          <p>
            {info.consent === 'given'
              ? t('link.saved', { organisation })
              : t('link.savedNothing', { organisation })}
          </p>
          <p>{t('link.withdrawAnytime')}</p>
        </div>
      ) : (
        <section className="section" aria-labelledby={`${id}-consent`}>
          <h2 id={`${id}-consent`}>{t('link.consentTitle', { organisation })}</h2>
          <p>{t('link.consentIntro', { organisation })}</p>
          <CheckboxGroup
            id={`${id}-stages`}
            label={t('link.stagesLabel', { organisation })}
            choices={REFERRAL_STAGES.map((s) => ({
              value: s,
              label: words.stage(s, false, info.target.alongside),
            }))}
            value={stages}
            onChange={setStages}
          />
          <p>{t('link.never', { organisation })}</p>
          <p className="meta">{t('link.version', { version: REFERRAL_CONSENT_VERSION })}</p>
          {error ? (
            <p className="error-summary" role="alert">
              {error}
            </p>
          ) : null}
          {family ? null : <p>{t('link.accountFirst')}</p>}
          <div className="actions">
            {family ? (
              <button
                type="button"
                disabled={busy || stages.length === 0}
                onClick={() => void send(stages)}
              >
                {t('link.share')}
              </button>
            ) : (
              // Only the family's own account can agree: the choice goes with their sign-up.
              <Link className="button" to={signUpLink(stages)}>
                {stages.length ? t('link.shareSignUp') : t('link.continueSignUp')}
              </Link>
            )}
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void send([])}
            >
              {t('link.shareNothing')}
            </button>
          </div>
          {person ? null : (
            <p>
              <Link to={`/sign-in?${new URLSearchParams({ next: here }).toString()}`}>
                {t('link.signIn')}
              </Link>
            </p>
          )}
        </section>
      )}
      {answered ? (
        <div className="actions">
          {person ? null : (
            <Link className="button" to={signUpLink([])}>
              {t('link.continueSignUp')}
            </Link>
          )}
          {info.target.alongside ? (
            person ? (
              <Link className="button" to="/alongside">
                {t('link.askAlongside')}
              </Link>
            ) : null
          ) : (
            <Link
              className={person ? 'button' : 'button secondary'}
              to={info.target.groupId ? `/groups/${info.target.groupId}` : catalogueLink(info)}
            >
              {info.target.groupId ? t('link.openGroup') : t('link.findGroups')}
            </Link>
          )}
        </div>
      ) : null}
    </section>
  );
}
