// Interpreters invited for one session: someone with an account who is not in the group (a
// professional, a volunteer from elsewhere) joins that session from its link and comes in as the
// interpreter into their language. Those who run the group invite and remove them here.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpcomingSession } from '../../../../../server/protocol/groups.ts';
import { interpreterInvite, type InvitedInterpreter } from '../../../../../server/protocol/live.ts';
import { del, post } from '../../../lib/api.ts';
import { isolate } from '../../../lib/bidi.tsx';
import { ErrorSummary } from '../../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../../lib/forms/errors.ts';
import { SelectField, TextField } from '../../../lib/forms/fields.tsx';
import { SubmitButton } from '../../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../../lib/format.ts';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../../lib/spokenLanguages.ts';
import { useResource } from '../../../lib/useResource.ts';

export function InterpretersSection({ sessions }: { sessions: UpcomingSession[] }) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const coming = sessions.filter(
    (s) => s.status !== 'cancelled' && Date.parse(s.endsAt) > Date.now(),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const sessionId = chosen ?? coming[0]?.id ?? null;
  const path = sessionId ? `/sessions/${encodeURIComponent(sessionId)}/interpreters` : null;
  const invited = useResource<InvitedInterpreter[]>(path);
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState('');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  if (!sessionId || !path) return <p>{t('interpreters.noSessions')}</p>;
  const labels = { email: t('interpreters.email'), language: t('interpreters.language') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(validate(interpreterInvite, { email, language }, t), async (data) => {
      await post(path, data);
      setEmail('');
      invited.reload();
    });
  };
  const remove = (personId: string) =>
    void submit({ data: null, errors: null }, async () => {
      await del(`${path}/${encodeURIComponent(personId)}`);
      invited.reload();
    });
  const link = `${window.location.origin}/sessions/${sessionId}`;

  return (
    <form className="form" noValidate onSubmit={onSubmit} data-testid="interpreters">
      <p>{t('interpreters.intro')}</p>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <SelectField
        id={fieldId('session')}
        label={t('interpreters.session')}
        value={sessionId}
        onChange={(event) => setChosen(event.target.value)}
      >
        {coming.map((s) => (
          <option key={s.id} value={s.id}>
            {format.dateTime(s.startsAt)}
          </option>
        ))}
      </SelectField>
      {invited.data?.length ? (
        <ul className="plain-list" data-testid="interpreters-invited">
          {invited.data.map((i) => (
            <li key={i.personId}>
              {t('interpreters.invited', {
                name: isolate(i.displayName),
                language: format.languageName(i.language),
              })}{' '}
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => remove(i.personId)}
              >
                {t('interpreters.remove', { name: isolate(i.displayName) })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="meta">{t('interpreters.none')}</p>
      )}
      <TextField
        id={fieldId('email')}
        label={labels.email}
        hint={t('interpreters.emailHint')}
        error={errors.fields.email}
        type="email"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        required
      />
      <SelectField
        id={fieldId('language')}
        label={labels.language}
        error={errors.fields.language}
        value={language}
        onChange={(event) => setLanguage(event.target.value)}
        required
      >
        <option value="">{t('interpreters.chooseLanguage')}</option>
        {byName(COMMON_SPOKEN_LANGUAGES, format.languageName, format.language).map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <SubmitButton busy={busy} label={t('interpreters.invite')} />
      <p className="meta">
        {t('interpreters.link')}{' '}
        <span dir="ltr" className="link-text">
          {link}
        </span>
      </p>
    </form>
  );
}
