// How the programme reads in the UI language: module titles (written in one or more
// languages), statuses, certification, and the choice of a module's content language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type {
  CertificationInfo,
  LocalizedShort,
  ModuleStatus,
} from '../../../../server/protocol/training.ts';
import { useFormat } from '../../lib/format.ts';
import { pickText } from '../groups/groupText.tsx';

/** The language to show first among those a module has: the UI's, else Finnish, else the first. */
export function preferredLanguage(available: readonly string[], uiLanguage: string): string {
  if (available.includes(uiLanguage)) return uiLanguage;
  if (available.includes('fi')) return 'fi';
  return available[0] ?? uiLanguage;
}

/** The module's content language: preferred at first, switchable by the reader. */
export function useContentLanguage(available: readonly string[]) {
  const { language } = useFormat();
  const [chosen, setChosen] = useState<string | null>(null);
  const current =
    chosen && available.includes(chosen) ? chosen : preferredLanguage(available, language);
  return [current, setChosen] as const;
}

/** A text in `language` (else the UI's fallbacks), marked with its own language. */
export function Localized({
  texts,
  language,
}: {
  texts: readonly LocalizedShort[];
  language?: string;
}) {
  const format = useFormat();
  const text =
    (language ? texts.find((t) => t.lang === language) : undefined) ??
    pickText(texts, format.language);
  if (!text) return null;
  return (
    <span lang={text.lang} dir="auto">
      {text.text}
    </span>
  );
}

export function StatusBadge({ status }: { status: ModuleStatus }) {
  const { t } = useTranslation('training');
  return <span className={`tag module-status status-${status}`}>{t(`status.${status}`)}</span>;
}

/** "Certified until 3 Mar 2028", "Certification expired on …", "Not certified yet". */
export function CertificationLine({ certification }: { certification: CertificationInfo | null }) {
  const { t } = useTranslation('training');
  const format = useFormat();
  if (!certification) return <span>{t('certification.none')}</span>;
  const date = (
    <time dateTime={certification.validUntil}>{format.date(certification.validUntil)}</time>
  );
  return certification.valid ? (
    <span className="certified">
      {t('certification.validUntil')} {date}
    </span>
  ) : (
    <span>
      {t('certification.expired')} {date}
    </span>
  );
}

/** "3/5 required modules passed" with a progress bar. */
export function RequiredProgress({ passed, total }: { passed: number; total: number }) {
  const { t } = useTranslation('training');
  const label = t('progress.required', { passed, total });
  return (
    <div className="required-progress">
      <p>{label}</p>
      {total > 0 ? <progress max={total} value={passed} aria-label={label} /> : null}
    </div>
  );
}

/** Between the trainers' and coordinators' training pages. */
export function TrainingStaffNav() {
  const { t } = useTranslation('training');
  return (
    <nav className="sub-nav" aria-label={t('nav.staff')}>
      <ul>
        <li>
          <NavLink to="/training/trainees" end>
            {t('nav.trainees')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/training/manage" end>
            {t('nav.modules')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
