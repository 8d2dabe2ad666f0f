// A partner's form for one service: checked here with the server's own rules (the same schema
// and contact checks) so a wrong phone number or web address is said at once, in the UI
// language; the server checks it all again and changes nothing on a refusal.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  contactProblems,
  directorySchemas,
  SERVICE_NEEDS,
  type DirectoryEntryInfo,
  type DirectoryEntryInput,
} from '../../../../server/protocol/directory.ts';
import { REGIONS } from '../../../../server/protocol/groups.ts';
import type { PartnerOrganisationInfo } from '../../../../server/protocol/partners.ts';
import { languages as uiLanguages } from '../../../../server/protocol/languages.ts';
import { api } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { SpokenLanguages } from '../account/SpokenLanguages.tsx';

type Text = 'name' | 'phone' | 'email' | 'url' | 'address' | 'openingHours';

export function EntryForm({
  entry,
  organisations,
  onSaved,
  onCancel,
}: {
  /** The entry being edited; none for a new one. */
  entry: DirectoryEntryInfo | null;
  /** Organisations the entry may belong to (a partner: their own). */
  organisations: PartnerOrganisationInfo[];
  onSaved: (saved: DirectoryEntryInfo) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('directory');
  const format = useFormat();
  const { errors, setErrors, fieldId, busy, submit } = useFormSubmit();
  const firstOrg = organisations[0];
  const [organisationId, setOrganisationId] = useState(entry?.organisationId ?? firstOrg?.id ?? '');
  const org = organisations.find((o) => o.id === organisationId);
  const [texts, setTexts] = useState<Record<Text, string>>({
    name: entry?.name ?? '',
    phone: entry?.phone ?? '',
    email: entry?.email ?? '',
    url: entry?.url ?? '',
    address: entry?.address ?? '',
    openingHours: entry?.openingHours ?? '',
  });
  const uiLanguage = uiLanguages.find((l) => l.code === format.language)?.code ?? 'fi';
  const [summary, setSummary] = useState(
    entry?.summary.find((s) => s.lang === uiLanguage)?.text ?? '',
  );
  const [need, setNeed] = useState(entry?.need ?? SERVICE_NEEDS[0]);
  const [region, setRegion] = useState(entry?.region ?? org?.region ?? 'helsinki');
  const [languages, setLanguages] = useState<string[]>(
    entry?.languages ?? org?.languagesServed ?? [],
  );
  const [contactPersonId, setContactPersonId] = useState(entry?.contactPerson?.id ?? '');
  const contacts = (org?.contacts ?? [])
    .filter((c) => !c.leftAt)
    .map((c) => ({ id: c.personId, name: c.displayName }));
  // A worker named before (not a contact person now) stays choosable.
  if (entry?.contactPerson && !contacts.some((c) => c.id === entry.contactPerson?.id))
    contacts.push({ id: entry.contactPerson.id, name: entry.contactPerson.displayName });

  const labels: Record<string, string> = {
    organisationId: t('manage.organisation'),
    name: t('manage.name'),
    summary: t('manage.summary'),
    need: t('manage.need'),
    region: t('manage.region'),
    languages: t('manage.languages'),
    phone: t('manage.phone'),
    email: t('manage.email'),
    url: t('manage.url'),
    address: t('manage.address'),
    openingHours: t('manage.openingHours'),
    contactPersonId: t('manage.contactPerson'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The summaries in other languages stay as they were; this one is replaced (or removed).
    const others = (entry?.summary ?? []).filter((s) => s.lang !== uiLanguage);
    const body: DirectoryEntryInput = {
      ...(entry ? {} : { organisationId }),
      ...texts,
      summary: [
        ...others,
        ...(summary.trim() ? [{ lang: uiLanguage, text: summary }] : []),
      ] as DirectoryEntryInput['summary'],
      need,
      region,
      languages,
      contactPersonId: contactPersonId || null,
    };
    const checked = validate(directorySchemas.entryInput, body, t);
    if (checked.data) {
      const problems = contactProblems(checked.data);
      if (Object.keys(problems).length) {
        setErrors({
          message: t('errors:invalid'),
          fields: Object.fromEntries(
            Object.entries(problems).map(([field, key]) => [field, t(`errors:${key}`)]),
          ),
        });
        return;
      }
    }
    void submit(checked, async (data) => {
      const saved = entry
        ? await api<DirectoryEntryInfo>('PUT', `/directory/${entry.id}`, data)
        : await api<DirectoryEntryInfo>('POST', '/directory', data);
      onSaved(saved);
    });
  };

  const text = (name: Text, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={fieldId(name)}
      label={labels[name]}
      error={errors.fields[name]}
      value={texts[name]}
      onChange={(event) => setTexts({ ...texts, [name]: event.target.value })}
      {...extra}
    />
  );

  return (
    <form className="form card" noValidate onSubmit={onSubmit} data-testid="entry-form">
      <h2>{entry ? t('manage.editTitle', { name: entry.name }) : t('manage.newTitle')}</h2>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      {!entry && organisations.length > 1 ? (
        <SelectField
          id={fieldId('organisationId')}
          label={labels.organisationId}
          error={errors.fields.organisationId}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.target.value)}
        >
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {text('name', { required: true, maxLength: 120, autoComplete: 'off' })}
      <TextAreaField
        id={fieldId('summary')}
        label={labels.summary}
        hint={t('manage.summaryHint', { language: format.languageName(uiLanguage) })}
        error={errors.fields.summary ?? errors.fields['summary.0.text']}
        rows={3}
        maxLength={500}
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
      />
      <SelectField
        id={fieldId('need')}
        label={labels.need}
        error={errors.fields.need}
        value={need}
        onChange={(event) => setNeed(event.target.value as typeof need)}
      >
        {SERVICE_NEEDS.map((n) => (
          <option key={n} value={n}>
            {t(`needs.${n}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={fieldId('region')}
        label={labels.region}
        error={errors.fields.region}
        value={region}
        onChange={(event) => setRegion(event.target.value as typeof region)}
      >
        {REGIONS.map((r) => (
          <option key={r} value={r}>
            {t(`groups:regions.${r}`)}
          </option>
        ))}
      </SelectField>
      <SpokenLanguages
        id={fieldId('languages')}
        legend={labels.languages}
        hint={t('manage.languagesHint')}
        max={20}
        error={errors.fields.languages}
        value={languages}
        onChange={setLanguages}
      />
      <p className="field-hint">{t('manage.contactHint')}</p>
      {text('phone', {
        type: 'tel',
        autoComplete: 'off',
        maxLength: 40,
        hint: t('manage.phoneHint'),
      })}
      {text('email', { type: 'email', autoComplete: 'off', maxLength: 254 })}
      {text('url', { type: 'url', autoComplete: 'off', maxLength: 300, hint: t('manage.urlHint') })}
      {text('address', { maxLength: 300 })}
      {text('openingHours', { maxLength: 300 })}
      <SelectField
        id={fieldId('contactPersonId')}
        label={labels.contactPersonId}
        error={errors.fields.contactPersonId}
        value={contactPersonId}
        onChange={(event) => setContactPersonId(event.target.value)}
      >
        <option value="">{t('manage.noContact')}</option>
        {contacts.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SubmitButton busy={busy} label={t('manage.save')}>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('manage.cancel')}
        </button>
      </SubmitButton>
    </form>
  );
}
