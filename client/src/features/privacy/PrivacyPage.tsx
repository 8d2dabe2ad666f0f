import { useTranslation } from 'react-i18next';
import { PRIVACY_NOTICE_VERSION } from '../../../../server/protocol/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';

/** One part of the notice in locales/<lang>/privacy.json. */
interface NoticeSection {
  id: string;
  heading: string;
  paragraphs?: string[];
  items?: string[];
}

function isSection(value: unknown): value is NoticeSection {
  const section = value as Partial<NoticeSection> | null;
  return typeof section?.id === 'string' && typeof section.heading === 'string';
}

/** The privacy notice, in the UI language; its version is the one people accept at sign-up. */
export function PrivacyPage() {
  const { t } = useTranslation('privacy');
  usePageTitle(t('title'));
  const format = useFormat();
  const sections = t('sections', { returnObjects: true }) as unknown;
  return (
    <article className="page privacy">
      <h1>{t('title')}</h1>
      <p className="meta">
        {t('version', {
          version: PRIVACY_NOTICE_VERSION,
          date: format.date(PRIVACY_NOTICE_VERSION),
        })}
      </p>
      <p className="lead">{t('intro')}</p>
      {Array.isArray(sections)
        ? sections.filter(isSection).map((section) => (
            <section key={section.id} aria-labelledby={`privacy-${section.id}`}>
              <h2 id={`privacy-${section.id}`}>{section.heading}</h2>
              {section.paragraphs?.map((text) => (
                <p key={text}>{text}</p>
              ))}
              {section.items ? (
                <ul>
                  {section.items.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))
        : null}
    </article>
  );
}
