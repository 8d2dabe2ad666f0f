import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../../server/protocol/api.ts';
import { SelectField } from '../../../lib/forms/fields.tsx';
import { useResource } from '../../../lib/useResource.ts';
import type { GroupFormState } from './formState.ts';

type Staff = Pick<GroupFormState, 'leadFacilitatorId' | 'coFacilitatorId' | 'trainerId'>;

/** Who runs the group and who supervises it: chosen among people with those roles. */
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
  const facilitators = useResource<PersonSummary[]>('/people?role=facilitator');
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
          {p.displayName} ({p.email})
        </option>
      ))}
    </SelectField>
  );

  return (
    <fieldset className="field">
      <legend>{t('setup.staff')}</legend>
      {facilitators.error || trainers.error ? (
        <p className="field-error">{(facilitators.error ?? trainers.error)?.message}</p>
      ) : null}
      {select('leadFacilitatorId', t('setup.lead'), facilitators.data ?? [])}
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
