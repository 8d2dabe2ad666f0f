// How a referral reads: its stages, its consent state and what it points to, in the UI language.
import { useTranslation } from 'react-i18next';
import type { ReferralStage, ReferralTarget } from '../../../../server/protocol/referrals.ts';
import { useFormat } from '../../lib/format.ts';

export function useReferralWords() {
  const { t } = useTranslation('partners');
  const groups = useTranslation('groups').t;
  const format = useFormat();

  /** A walk-alongside referral names its own stages where they differ (paired, first contact). */
  const stage = (s: ReferralStage, waitlisted = false, alongside = false) =>
    alongside && ['enrolled', 'attended'].includes(s)
      ? t(`alongsideStage.${s}`)
      : t(`stage.${s === 'enrolled' && waitlisted ? 'waitlisted' : s}`);

  /** "Peer group for dads" or "Groups in Arabic · Pirkanmaa · Parenting". */
  const target = (target: ReferralTarget) => {
    if (target.alongside) return t('referral.alongsideTarget');
    if (target.groupTitle) return target.groupTitle;
    const parts = [
      target.language ? format.languageName(target.language) : null,
      target.region ? groups(`regions.${target.region}`) : null,
      target.topic ? groups(`topics.${target.topic}`) : null,
    ].filter((p): p is string => !!p);
    return parts.length ? parts.join(' · ') : t('referral.anyGroup');
  };

  return { stage, target };
}
