// A family asks for a walk-alongside volunteer in their own words and language. A partner's
// referral the family took up may come with it (?referral=<id>): it is then counted for them.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { alongsideSchemas } from '../../../../server/protocol/alongside.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextAreaField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../lib/spokenLanguages.ts';
import { SpokenLanguages } from '../account/SpokenLanguages.tsx';
import { useSession } from '../account/session.tsx';

export function AskForm({ onAsked }: { onAsked: () => void }) {
  const { t, i18n } = useTranslation('alongside');
  const format = useFormat();
  const { person } = useSession();
  const [params] = useSearchParams();
  const referralId = params.get('referral');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [help, setHelp] = useState('');
  const [helpLang, setHelpLang] = useState(i18n.resolvedLanguage ?? 'fi');
  const [spoken, setSpoken] = useState<string[]>(person?.languagesSpoken ?? []);
  const labels = {
    help: t('ask.help'),
    helpLang: t('ask.helpLang'),
    languages: t('ask.languages'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      help,
      helpLang,
      languages: spoken,
      ...(referralId ? { referralId } : {}),
    };
    void submit(validate(alongsideSchemas.ask, body, t), async (data) => {
      await post('/alongside/requests', data);
      onAsked();
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <TextAreaField
        id={fieldId('help')}
        label={labels.help}
        hint={t('ask.helpHint')}
        error={errors.fields.help}
        value={help}
        onChange={(event) => setHelp(event.target.value)}
        lang={helpLang}
        maxLength={1000}
        rows={5}
        required
      />
      <SelectField
        id={fieldId('helpLang')}
        label={labels.helpLang}
        error={errors.fields.helpLang}
        value={helpLang}
        onChange={(event) => setHelpLang(event.target.value)}
      >
        {byName(COMMON_SPOKEN_LANGUAGES, format.languageName, format.language).map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <SpokenLanguages
        id={fieldId('languages')}
        legend={labels.languages}
        hint={t('ask.languagesHint')}
        max={6}
        error={errors.fields.languages}
        value={spoken}
        onChange={setSpoken}
      />
      {referralId ? <p className="meta">{t('ask.throughReferral')}</p> : null}
      <SubmitButton busy={busy} label={t('ask.submit')} />
    </form>
  );
}
