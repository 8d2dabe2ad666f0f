import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../../server/protocol/groups.ts';
import { useFormat } from '../../../lib/format.ts';
import { SelectField, TextAreaField, TextField } from '../../../lib/forms/fields.tsx';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../../lib/spokenLanguages.ts';

const MAX_ROWS = 8; // the schema's limit

/** A text in one or more languages: one row per language, added and removed freely. */
export function LocalizedRows({
  name,
  legend,
  hint,
  value,
  onChange,
  fieldId,
  errors,
  multiline = false,
  disabled,
}: {
  name: 'title' | 'description';
  legend: string;
  hint: string;
  value: LocalizedText[];
  onChange: (value: LocalizedText[]) => void;
  fieldId: (name: string) => string;
  errors: Record<string, string>;
  multiline?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const languages = byName(COMMON_SPOKEN_LANGUAGES, format.languageName, format.language);
  const update = (index: number, change: Partial<LocalizedText>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const unused = () => COMMON_SPOKEN_LANGUAGES.find((code) => !value.some((r) => r.lang === code));

  return (
    <fieldset id={fieldId(name)} className="field localized-rows" disabled={disabled}>
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {errors[name] ? <p className="field-error">{errors[name]}</p> : null}
      {value.map((row, index) => {
        const language = format.languageName(row.lang);
        const text = {
          id: fieldId(`${name}.${index}.text`),
          label: t('setup.rowText', { field: legend, language }),
          error: errors[`${name}.${index}.text`],
          value: row.text,
          lang: row.lang,
          dir: 'auto',
          maxLength: 2000,
          required: true,
        };
        return (
          <div className="localized-row" key={index}>
            <SelectField
              id={fieldId(`${name}.${index}.lang`)}
              label={t('setup.rowLanguage')}
              error={errors[`${name}.${index}.lang`]}
              value={row.lang}
              onChange={(event) => update(index, { lang: event.target.value })}
            >
              {languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </SelectField>
            {multiline ? (
              <TextAreaField
                {...text}
                rows={4}
                onChange={(event) => update(index, { text: event.target.value })}
              />
            ) : (
              <TextField
                {...text}
                onChange={(event) => update(index, { text: event.target.value })}
              />
            )}
            {value.length > 1 ? (
              <button
                type="button"
                className="secondary"
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                {t('setup.removeRow', { language })}
              </button>
            ) : null}
          </div>
        );
      })}
      {value.length < MAX_ROWS ? (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([...value, { lang: unused() ?? 'fi', text: '' }])}
        >
          {t('setup.addRow')}
          <span className="visually-hidden"> ({legend})</span>
        </button>
      ) : null}
    </fieldset>
  );
}
