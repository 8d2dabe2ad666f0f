import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isLanguage } from '../../../../server/protocol/languages.ts';
import {
  programmeSchemas,
  type ModuleEdit,
  type ModuleSummary,
} from '../../../../server/protocol/training.ts';
import { post, put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { ContentFields, LanguageTexts } from './ContentFields.tsx';
import {
  bodyFrom,
  emptyModule,
  formFromModule,
  moduleLanguages,
  type ModuleFormState,
} from './moduleForm.ts';
import { QuizEditor } from './QuizEditor.tsx';
import { TrainingStaffNav } from './trainingText.tsx';
import './training.css';

/** /training/manage/new and /training/manage/:id: a module's editor (trainers, coordinators). */
export function ModuleEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('training');
  const creating = !id || id === 'new';
  usePageTitle(creating ? t('editor.newTitle') : t('editor.editTitle'));
  return (
    <section className="page training">
      <TrainingStaffNav />
      <p>
        <Link to="/training/manage">{t('manage.back')}</Link>
      </p>
      <h1>{creating ? t('editor.newTitle') : t('editor.editTitle')}</h1>
      {creating ? <NewModule /> : <EditModule id={id} />}
    </section>
  );
}

function NewModule() {
  const format = useFormat();
  const modules = useResource<ModuleSummary[]>('/training/modules');
  if (!modules.data && !modules.error) return <Loading />;
  const next = Math.max(0, ...(modules.data ?? []).map((m) => m.order)) + 1;
  const language = isLanguage(format.language) ? format.language : 'fi';
  return <ModuleForm initial={emptyModule(language, Math.min(next, 999))} />;
}

function EditModule({ id }: { id: string }) {
  const module = useResource<ModuleEdit>(`/training/modules/${encodeURIComponent(id)}/edit`);
  const m = module.data?.id === id ? module.data : undefined;
  if (module.error)
    return (
      <p className="error-summary" role="alert">
        {module.error.message}
      </p>
    );
  if (!m) return <Loading />;
  return <ModuleForm key={m.id} initial={formFromModule(m)} saved={m} />;
}

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('loading')}</p>;
}

function ModuleForm({ initial, saved }: { initial: ModuleFormState; saved?: ModuleEdit }) {
  const { t } = useTranslation('training');
  const format = useFormat();
  const navigate = useNavigate();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [state, setState] = useState(initial);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const set = (change: Partial<ModuleFormState>) => {
    setSavedAt(null);
    setState((s) => ({ ...s, ...change }));
  };
  const languages = moduleLanguages(state);
  const e = errors.fields;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(programmeSchemas.moduleInput, bodyFrom(state), t);
    // "Required" at a question's right answers means: tick one. Say so.
    for (const name of Object.keys(checked.errors?.fields ?? {}))
      if (/^quiz\.questions\.\d+\.correct$/.test(name) && checked.errors)
        checked.errors.fields[name] = t('editor.correctRequired');
    void submit(checked, async (body) => {
      if (saved) {
        const updated = await put<ModuleEdit>(`/training/modules/${saved.id}`, body);
        setSavedAt(updated.updatedAt);
      } else {
        const created = await post<ModuleEdit>('/training/modules', body);
        void navigate(`/training/manage/${created.id}`, { replace: true });
      }
    });
  };

  // Field names to labels for the error summary, in the order they appear.
  const labels: Record<string, string> = {
    order: t('editor.order'),
    content: t('editor.content'),
    ...Object.fromEntries(
      state.content.flatMap((c, i) => {
        const language = format.languageName(c.lang);
        return [
          [`content.${i}.lang`, t('editor.language')],
          [`content.${i}.title`, t('editor.moduleTitle', { language })],
          [`content.${i}.body`, t('editor.body', { language })],
        ];
      }),
    ),
    quiz: t('quiz.title'),
    'quiz.passMark': t('editor.passMark'),
    'quiz.maxAttempts': t('editor.maxAttempts'),
    ...Object.fromEntries(
      state.questions.flatMap((q, i) => {
        const question = t('quiz.question', { number: i + 1 });
        return [
          ...languages.map((_, l) => [`quiz.questions.${i}.prompt.${l}.text`, question]),
          ...q.options.flatMap((_, o) =>
            languages.map((__, l) => [
              `quiz.questions.${i}.options.${o}.text.${l}.text`,
              t('editor.option', { question: i + 1, number: o + 1 }),
            ]),
          ),
          [`quiz.questions.${i}.correct`, t('editor.optionsOf', { number: i + 1 })],
        ];
      }),
    ),
    ...Object.fromEntries(
      languages.map((_, l) => [`reflection.prompt.${l}.text`, t('editor.reflectionPrompt')]),
    ),
  };

  return (
    <form className="form module-editor" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <div className="field-pair">
        <TextField
          id={fieldId('order')}
          label={t('editor.order')}
          hint={t('editor.orderHint')}
          error={e.order}
          type="number"
          inputMode="numeric"
          min={1}
          max={999}
          value={state.order}
          onChange={(event) => set({ order: event.target.value })}
          required
        />
      </div>
      <CheckboxField
        id={fieldId('required')}
        label={t('editor.required')}
        hint={t('editor.requiredHint')}
        error={e.required}
        checked={state.required}
        onChange={(event) => set({ required: event.target.checked })}
      />
      <CheckboxField
        id={fieldId('published')}
        label={t('editor.published')}
        hint={t('editor.publishedHint')}
        error={e.published}
        checked={state.published}
        onChange={(event) => set({ published: event.target.checked })}
      />
      <ContentFields
        value={state.content}
        onChange={(content) => set({ content })}
        fieldId={fieldId}
        errors={e}
      />
      <QuizEditor value={state} onChange={set} languages={languages} fieldId={fieldId} errors={e} />
      <fieldset id={fieldId('reflection')} className="field">
        <legend>{t('reflection.title')}</legend>
        <CheckboxField
          id={fieldId('hasReflection')}
          label={t('editor.hasReflection')}
          hint={t('editor.hasReflectionHint')}
          checked={state.hasReflection}
          onChange={(event) => set({ hasReflection: event.target.checked })}
        />
        {state.hasReflection ? (
          <LanguageTexts
            name="reflection.prompt"
            label={t('editor.reflectionPrompt')}
            languages={languages}
            value={state.reflectionPrompt}
            onChange={(reflectionPrompt) => set({ reflectionPrompt })}
            fieldId={fieldId}
            errors={e}
          />
        ) : null}
      </fieldset>
      <SubmitButton busy={busy} label={saved ? t('editor.save') : t('editor.create')}>
        {savedAt ? (
          <span role="status" className="done">
            {t('editor.saved', { time: format.time(savedAt) })}
          </span>
        ) : null}
        {saved ? <Link to={`/training/modules/${saved.id}`}>{t('manage.preview')}</Link> : null}
      </SubmitButton>
    </form>
  );
}
