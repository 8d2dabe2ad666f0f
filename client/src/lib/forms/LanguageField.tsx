import type { ComponentProps } from 'react';
import { languages } from '../../../../server/protocol/languages.ts';
import { SelectField } from './fields.tsx';

/** A choice of one of the UI languages, each named in itself. */
export function LanguageField(props: Omit<ComponentProps<typeof SelectField>, 'children'>) {
  return (
    <SelectField {...props}>
      {languages.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.name}
        </option>
      ))}
    </SelectField>
  );
}
