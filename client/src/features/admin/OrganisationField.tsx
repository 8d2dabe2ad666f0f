import type { ComponentProps } from 'react';
import type { OrganisationInfo } from '../../../../server/protocol/api.ts';
import { SelectField } from '../../lib/forms/fields.tsx';

/** One of the organisations, after an empty first choice (`none`: what choosing none means). */
export function OrganisationField({
  organisations,
  none,
  ...select
}: Omit<ComponentProps<typeof SelectField>, 'children'> & {
  organisations: readonly OrganisationInfo[];
  none: string;
}) {
  return (
    <SelectField {...select}>
      <option value="">{none}</option>
      {organisations.map((organisation) => (
        <option key={organisation.id} value={organisation.id}>
          {organisation.name}
        </option>
      ))}
    </SelectField>
  );
}
