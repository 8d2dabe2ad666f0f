import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../../server/protocol/api.ts';
import type { EligibleLead } from '../../../../../server/protocol/training.ts';
import { isolate } from '../../../lib/bidi.tsx';
import { useFormat } from '../../../lib/format.ts';
import { SelectField } from '../../../lib/forms/fields.tsx';
import { useResource } from '../../../lib/useResource.ts';
import type { GroupFormState } from './formState.ts';

type Staff = Pick<GroupFormState, 'leadFacilitatorId' | 'coFacilitatorId' | 'trainerId'>;

/**
 * Who runs the group and who supervises it. The lead is chosen among certified, unpaused
 * facilitators (the server refuses others); any facilitator may co-facilitate, trainees too.
 */
export function StaffFields({
  value,
  onChange,
  fieldId,
  errors,
}: {
  value: Staff;
  onChange: (value: Partial<Staff>) => void;
  fieldId: (name: string) => string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const facilitators = useResource<PersonSummary[]>('/people?role=facilitator');
  const leads = useResource<EligibleLead[]>('/training/eligible-leads');
  const trainers = useResource<PersonSummary[]>('/people?role=trainer');

  const select = (name: keyof Staff, label: string, people: PersonSummary[], optional = false) => (
    <SelectField
      id={fieldId(name)}
      label={label}
      error={errors[name]}
      value={value[name]}
      onChange={(event) => onChange({ [name]: event.target.value })}
      required={!optional}
    >
      <option value="">{optional ? t('setup.nobody') : t('setup.choosePerson')}</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {isolate(p.displayName)} ({isolate(p.email)})
        </option>
      ))}
    </SelectField>
  );

  // A group's current lead whose certification has lapsed stays visible, marked as such.
  const currentLead = leads.data?.some((l) => l.id === value.leadFacilitatorId)
    ? undefined
    : facilitators.data?.find((p) => p.id === value.leadFacilitatorId);
  const error = facilitators.error ?? leads.error ?? trainers.error;

  return (
    <fieldset className="field">
      <legend>{t('setup.staff')}</legend>
      {error ? <p className="field-error">{error.message}</p> : null}
      <SelectField
        id={fieldId('leadFacilitatorId')}
        label={t('setup.lead')}
        hint={t('training:leads.hint')}
        error={errors.leadFacilitatorId}
        value={value.leadFacilitatorId}
        onChange={(event) => onChange({ leadFacilitatorId: event.target.value })}
        required
      >
        <option value="">{t('setup.choosePerson')}</option>
        {(leads.data ?? []).map((lead) => (
          <option key={lead.id} value={lead.id}>
            {isolate(lead.displayName)} (
            {t('training:leads.certifiedUntil', {
              date: format.date(lead.certifiedUntil),
            })}
            )
          </option>
        ))}
        {currentLead ? (
          <option value={currentLead.id}>
            {isolate(currentLead.displayName)} ({t('training:leads.notCertified')})
          </option>
        ) : null}
      </SelectField>
      {select(
        'coFacilitatorId',
        t('setup.co'),
        (facilitators.data ?? []).filter((p) => p.id !== value.leadFacilitatorId),
        true,
      )}
      {select('trainerId', t('setup.trainer'), trainers.data ?? [])}
    </fieldset>
  );
}
