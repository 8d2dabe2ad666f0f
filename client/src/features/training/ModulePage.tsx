import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { languages } from '../../../../server/protocol/languages.ts';
import type { ModuleProgress, ModuleView } from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { Markdown } from './Markdown.tsx';
import { QuizPreview, QuizSection } from './QuizSection.tsx';
import { ReflectionSection } from './ReflectionSection.tsx';
import { Localized, StatusBadge, useContentLanguage } from './trainingText.tsx';
import './training.css';

/** /training/modules/:id: a module's content, quiz and reflection (staff see a preview). */
export function ModulePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('training');
  const module = useResource<ModuleView>(`/training/modules/${encodeURIComponent(id)}`);
  const m = module.data?.id === id ? module.data : undefined;
  usePageTitle(m?.titles[0]?.text ?? t('module.title'));
  if (!m)
    return (
      <section className="page training">
        {module.error ? (
          <p className="error-summary" role="alert">
            {module.error.message}
          </p>
        ) : (
          <p role="status">{t('common:loading')}</p>
        )}
      </section>
    );
  return <ModuleContent key={m.id} module={m} />;
}

function ModuleContent({ module }: { module: ModuleView }) {
  const { t } = useTranslation('training');
  const { person } = useSession();
  const [language, setLanguage] = useContentLanguage(module.content.map((c) => c.lang));
  const [progress, setProgress] = useState<ModuleProgress | null>(module.progress);
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const content = module.content.find((c) => c.lang === language) ?? module.content[0];
  const learner = progress !== null;

  const markRead = async () => {
    setMarking(true);
    setError(null);
    try {
      setProgress(await post<ModuleProgress>(`/training/modules/${module.id}/read`));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setMarking(false);
    }
  };

  return (
    <article className="page training module-page">
      <p>
        <Link to={learner ? '/training' : '/training/manage'}>
          {learner ? t('module.back') : t('manage.back')}
        </Link>
      </p>
      <h1 lang={content?.lang} dir="auto">
        {content?.title}
      </h1>
      <p>
        {progress ? <StatusBadge status={progress.status} /> : null}
        <span className="tag">{module.required ? t('module.required') : t('module.optional')}</span>
        {module.published ? null : <span className="tag">{t('module.draft')}</span>}
      </p>
      {!learner && hasAnyRole(person, ['trainer', 'coordinator']) ? (
        <p>
          <Link to={`/training/manage/${module.id}`}>{t('manage.edit')}</Link>
        </p>
      ) : null}
      {module.content.length > 1 ? (
        <div className="content-languages" role="group" aria-label={t('module.contentLanguage')}>
          {module.content.map((c) => (
            <button
              key={c.lang}
              type="button"
              className="secondary"
              aria-pressed={c.lang === language}
              lang={c.lang}
              onClick={() => setLanguage(c.lang)}
            >
              {languages.find((l) => l.code === c.lang)?.name ?? c.lang}
            </button>
          ))}
        </div>
      ) : null}
      {content ? <Markdown text={content.body} lang={content.lang} /> : null}

      {learner ? (
        <div className="section read-section">
          {progress.read ? (
            <p className="done">{t('module.read')}</p>
          ) : (
            <div className="actions">
              <button type="button" disabled={marking} onClick={() => void markRead()}>
                {t('module.markRead')}
              </button>
            </div>
          )}
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}

      {module.quiz ? (
        learner ? (
          <QuizSection
            moduleId={module.id}
            quiz={module.quiz}
            progress={progress.quiz}
            language={language}
            onProgress={setProgress}
          />
        ) : (
          <QuizPreview quiz={module.quiz} language={language} />
        )
      ) : null}

      {module.reflection ? (
        <section className="section">
          <h2>{t('reflection.title')}</h2>
          <p className="reflection-prompt">
            <Localized texts={module.reflection.prompt} language={language} />
          </p>
          {learner ? (
            <ReflectionSection
              moduleId={module.id}
              reflection={progress.reflection}
              onProgress={setProgress}
            />
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
