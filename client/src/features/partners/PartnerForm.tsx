// Registering a partner organisation: name, kind, region and the languages its workers serve.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REGIONS, type Region } from '../../../../server/protocol/groups.ts';
import {
  PARTNER_KINDS,
  partnerSchemas,
  type PartnerKind,
} from '../../../../server/protocol/partners.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { SpokenLanguages } from '../account/SpokenLanguages.tsx';

export function PartnerForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('partners');
  const groupsT = useTranslation('groups').t;
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [name, setName] = useState('');
  const [partnerKind, setKind] = useState<PartnerKind>('wellbeing-county');
  const [region, setRegion] = useState<Region | ''>('');
  const [languagesServed, setLanguages] = useState<string[]>([]);
  const labels = {
    name: t('admin.name'),
    partnerKind: t('admin.kind'),
    region: t('admin.region'),
    languagesServed: t('admin.languages'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name, partnerKind, region: region || undefined, languagesServed };
    void submit(validate(partnerSchemas.registerPartner, body, t), async (data) => {
      await post('/partners', data);
      setName('');
      setRegion('');
      setLanguages([]);
      onCreated();
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <TextField
        id={fieldId('name')}
        label={labels.name}
        error={errors.fields.name}
        value={name}
        onChange={(event) => setName(event.target.value)}
        maxLength={120}
        required
      />
      <SelectField
        id={fieldId('partnerKind')}
        label={labels.partnerKind}
        error={errors.fields.partnerKind}
        value={partnerKind}
        onChange={(event) => setKind(event.target.value as PartnerKind)}
      >
        {PARTNER_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={fieldId('region')}
        label={labels.region}
        error={errors.fields.region}
        value={region}
        onChange={(event) => setRegion(event.target.value as Region | '')}
        required
      >
        <option value="">{t('admin.chooseRegion')}</option>
        {REGIONS.map((r) => (
          <option key={r} value={r}>
            {groupsT(`regions.${r}`)}
          </option>
        ))}
      </SelectField>
      <SpokenLanguages
        id={fieldId('languagesServed')}
        legend={labels.languagesServed}
        hint={t('admin.languagesHint')}
        error={errors.fields.languagesServed}
        value={languagesServed}
        onChange={setLanguages}
        max={20}
      />
      <SubmitButton busy={busy} label={t('admin.register')} />
    </form>
  );
}
