import { useTranslation } from 'react-i18next';
import { languages, type LanguageCode } from '../../../../server/protocol/languages.ts';
import { useFormat } from '../../lib/format.ts';
import { SelectField, TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import type { ContentState, Texts } from './moduleForm.ts';

/** The module's text in one or more UI languages: a title and a Markdown body for each. */
export function ContentFields({
  value,
  onChange,
  fieldId,
  errors,
}: {
  value: ContentState[];
  onChange: (value: ContentState[]) => void;
  fieldId: (name: string) => string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('training');
  const format = useFormat();
  const update = (index: number, change: Partial<ContentState>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const unused = languages.find((l) => !value.some((row) => row.lang === l.code));

  return (
    <fieldset id={fieldId('content')} className="field content-rows">
      <legend>{t('editor.content')}</legend>
      <p className="field-hint">{t('editor.contentHint')}</p>
      {errors.content ? <p className="field-error">{errors.content}</p> : null}
      {value.map((row, index) => {
        const language = format.languageName(row.lang);
        const id = (name: string) => fieldId(`content.${index}.${name}`);
        const error = (name: string) => errors[`content.${index}.${name}`];
        return (
          <div className="content-row" key={index}>
            <SelectField
              id={id('lang')}
              label={t('editor.language')}
              error={error('lang')}
              value={row.lang}
              onChange={(event) => update(index, { lang: event.target.value as LanguageCode })}
            >
              {languages
                .filter((l) => l.code === row.lang || !value.some((r) => r.lang === l.code))
                .map((l) => (
                  <option key={l.code} value={l.code}>
                    {format.languageName(l.code)}
                  </option>
                ))}
            </SelectField>
            <TextField
              id={id('title')}
              label={t('editor.moduleTitle', { language })}
              error={error('title')}
              value={row.title}
              lang={row.lang}
              dir="auto"
              maxLength={500}
              onChange={(event) => update(index, { title: event.target.value })}
              required
            />
            <TextAreaField
              id={id('body')}
              label={t('editor.body', { language })}
              hint={t('editor.bodyHint')}
              error={error('body')}
              value={row.body}
              lang={row.lang}
              dir="auto"
              rows={12}
              maxLength={20_000}
              onChange={(event) => update(index, { body: event.target.value })}
              required
            />
            {value.length > 1 ? (
              <button
                type="button"
                className="secondary"
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                {t('editor.removeLanguage', { language })}
              </button>
            ) : null}
          </div>
        );
      })}
      {unused ? (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([...value, { lang: unused.code, title: '', body: '' }])}
        >
          {t('editor.addLanguage')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** One short text (a question, an option, a prompt) in each of the module's languages. */
export function LanguageTexts({
  name,
  label,
  languages: codes,
  value,
  onChange,
  fieldId,
  errors,
}: {
  /** The body's path of the list, e.g. "quiz.questions.0.prompt". */
  name: string;
  label: string;
  languages: readonly LanguageCode[];
  value: Texts;
  onChange: (value: Texts) => void;
  fieldId: (name: string) => string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('training');
  const format = useFormat();
  return (
    <div id={fieldId(name)} className="language-texts">
      {errors[name] ? <p className="field-error">{errors[name]}</p> : null}
      {codes.map((lang, index) => {
        const path = `${name}.${index}.text`;
        return (
          <TextField
            key={lang}
            id={fieldId(path)}
            label={t('editor.inLanguage', { field: label, language: format.languageName(lang) })}
            error={errors[path] ?? errors[`${name}.${index}`]}
            value={value[lang] ?? ''}
            lang={lang}
            dir="auto"
            maxLength={500}
            onChange={(event) => onChange({ ...value, [lang]: event.target.value })}
            required
          />
        );
      })}
    </div>
  );
}
