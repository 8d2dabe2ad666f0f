// What a partner refers a family to: one open group (the family's language first), or a kind
// of group (language, region, topic) that the family then chooses from in the catalogue.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REGIONS,
  TOPICS,
  type CataloguePage,
  type Region,
  type Topic,
} from '../../../../server/protocol/groups.ts';
import { SelectField } from '../../lib/forms/fields.tsx';
import { useFormat } from '../../lib/format.ts';
import { COMMON_SPOKEN_LANGUAGES } from '../../lib/spokenLanguages.ts';
import { useResource } from '../../lib/useResource.ts';
import { pickText } from '../groups/groupText.tsx';

export interface TargetValue {
  mode: 'group' | 'kind' | 'alongside';
  groupId: string;
  groupLanguage: string;
  region: Region | '';
  topic: Topic | '';
}

export const emptyTarget: TargetValue = {
  mode: 'group',
  groupId: '',
  groupLanguage: '',
  region: '',
  topic: '',
};

/** The request body's target part. */
export const targetBody = (v: TargetValue) =>
  v.mode === 'alongside'
    ? { alongside: true as const }
    : v.mode === 'group'
      ? { groupId: v.groupId || undefined }
      : {
          groupLanguage: v.groupLanguage || undefined,
          region: v.region || undefined,
          topic: v.topic || undefined,
        };

export function ReferralTargetFields({
  value,
  onChange,
  familyLanguage,
  fieldId,
  error,
}: {
  value: TargetValue;
  onChange: (value: TargetValue) => void;
  familyLanguage: string;
  fieldId: (name: string) => string;
  error?: string;
}) {
  const { t } = useTranslation('partners');
  const groupsT = useTranslation('groups').t;
  const format = useFormat();
  const id = useId();
  const catalogue = useResource<CataloguePage>('/groups');
  const set = (patch: Partial<TargetValue>) => onChange({ ...value, ...patch });
  const any = <option value="">{t('referral.any')}</option>;
  const groups = catalogue.data?.groups ?? [];
  return (
    <>
      <fieldset className="field radio-group">
        <legend>{t('referral.target')}</legend>
        {(['group', 'kind', 'alongside'] as const).map((mode) => (
          <div className="check" key={mode}>
            <input
              type="radio"
              id={`${id}-${mode}`}
              name={`${id}-mode`}
              checked={value.mode === mode}
              onChange={() => set({ mode })}
            />
            <label htmlFor={`${id}-${mode}`}>{t(`referral.mode.${mode}`)}</label>
          </div>
        ))}
      </fieldset>
      {value.mode === 'group' ? (
        <SelectField
          id={fieldId('groupId')}
          label={t('referral.group')}
          hint={t('referral.groupHint')}
          error={error}
          value={value.groupId}
          onChange={(event) => set({ groupId: event.target.value })}
        >
          <option value="">{t('referral.chooseGroup')}</option>
          {[...groups]
            .sort(
              (a, b) =>
                Number(b.sessionLanguages.includes(familyLanguage)) -
                Number(a.sessionLanguages.includes(familyLanguage)),
            )
            .map((g) => (
              <option key={g.id} value={g.id}>
                {`${pickText(g.title, format.language)?.text ?? ''} — ${format.list(
                  g.sessionLanguages.map((code) => format.languageName(code)),
                )}`}
              </option>
            ))}
        </SelectField>
      ) : value.mode === 'alongside' ? (
        <p className="field-hint">{t('referral.alongsideHint')}</p>
      ) : (
        <>
          <SelectField
            id={fieldId('groupLanguage')}
            label={t('referral.groupLanguage')}
            value={value.groupLanguage}
            onChange={(event) => set({ groupLanguage: event.target.value })}
          >
            {any}
            {COMMON_SPOKEN_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {format.languageName(code)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={fieldId('region')}
            label={t('referral.region')}
            value={value.region}
            onChange={(event) => set({ region: event.target.value as Region | '' })}
          >
            {any}
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {groupsT(`regions.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={fieldId('topic')}
            label={t('referral.topic')}
            value={value.topic}
            onChange={(event) => set({ topic: event.target.value as Topic | '' })}
          >
            {any}
            {TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {groupsT(`topics.${topic}`)}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </>
  );
}
