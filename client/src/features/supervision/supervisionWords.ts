// How supervision's codes read in the UI language: report themes, the 1–5 scale, kinds of contact.
import { useTranslation } from 'react-i18next';
import type { ReportTheme } from '../../../../server/protocol/supervision.ts';

/** Contact kinds the server names (FacilitatorContact.lastContactKind); others read as "other". */
const CONTACT_KINDS = ['feedback', 'review', 'certification', 'message', 'meeting', 'alert'];

export function useSupervisionWords() {
  const { t } = useTranslation('supervision');
  return {
    theme: (theme: ReportTheme) => t(`themes.${theme}`),
    /** "4 – Well": the number with its word, so the scale never rests on colour or position. */
    mood: (value: number) => t('mood.withNumber', { value, word: t(`mood.${value}`) }),
    contactKind: (kind: string) =>
      t(`contactKinds.${CONTACT_KINDS.includes(kind) ? kind : 'other'}`),
    groupKind: (kind: string) => t(`groupKinds.${kind}`, { defaultValue: '' }),
  };
}
