import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  AUDIENCES,
  groupSchemas,
  REGIONS,
  TOPICS,
  type GroupDetail,
} from '../../../../../server/protocol/groups.ts';
import { post, put } from '../../../lib/api.ts';
import { ErrorSummary } from '../../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../../lib/forms/errors.ts';
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  TextField,
} from '../../../lib/forms/fields.tsx';
import { SubmitButton } from '../../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../../lib/forms/useFormSubmit.ts';
import { SpokenLanguages } from '../../account/SpokenLanguages.tsx';
import { useGroupWords } from '../groupText.tsx';
import { bodyFrom, type GroupFormState } from './formState.ts';
import { LocalizedRows } from './LocalizedRows.tsx';
import { ScheduleFields } from './ScheduleFields.tsx';
import { StaffFields } from './StaffFields.tsx';

/**
 * Creating or editing a group. A lead facilitator (not a coordinator) edits only the texts:
 * the rest is shown but locked, and sent back unchanged.
 */
export function GroupForm({
  initial,
  group,
  textsOnly,
}: {
  initial: GroupFormState;
  group?: GroupDetail;
  textsOnly: boolean;
}) {
  const { t } = useTranslation('groups');
  const words = useGroupWords();
  const navigate = useNavigate();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [state, setState] = useState(initial);
  const set = (change: Partial<GroupFormState>) => setState((s) => ({ ...s, ...change }));
  const e = errors.fields;

  const labels: Record<string, string> = {
    title: t('setup.title'),
    ...Object.fromEntries(state.title.map((_, i) => [`title.${i}.text`, t('setup.title')])),
    description: t('setup.description'),
    ...Object.fromEntries(
      state.description.map((_, i) => [`description.${i}.text`, t('setup.description')]),
    ),
    topics: t('setup.topics'),
    sessionLanguages: t('setup.sessionLanguages'),
    audience: t('setup.audience'),
    region: t('setup.region'),
    capacity: t('setup.capacity'),
    leadFacilitatorId: t('setup.lead'),
    coFacilitatorId: t('setup.co'),
    trainerId: t('setup.trainer'),
    'schedule.startDate': t('setup.startDate'),
    'schedule.startTime': t('setup.startTime'),
    'schedule.durationMinutes': t('setup.duration'),
    'schedule.until': t('setup.until'),
    'schedule.count': t('setup.count'),
    joinWindowMinutes: t('setup.joinWindow'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = bodyFrom(state, textsOnly ? group?.schedule : undefined);
    void submit(
      validate(groupSchemas.groupInput, body, t),
      async (data) => {
        const saved = group
          ? await put<GroupDetail>(`/groups/${group.id}`, data)
          : await post<GroupDetail>('/groups', data);
        // The group's page says what happened (groups/SavedNotice.tsx).
        void navigate(`/groups/${saved.id}`, { state: { saved: group ? 'updated' : 'created' } });
      },
      { leaves: true },
    );
  };

  return (
    <form className="form group-form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <LocalizedRows
        name="title"
        legend={t('setup.title')}
        hint={t('setup.titleHint')}
        value={state.title}
        onChange={(title) => set({ title })}
        fieldId={fieldId}
        errors={e}
      />
      <LocalizedRows
        name="description"
        legend={t('setup.description')}
        hint={t('setup.descriptionHint')}
        value={state.description}
        onChange={(description) => set({ description })}
        fieldId={fieldId}
        errors={e}
        multiline
      />
      {textsOnly ? <p className="notice">{t('setup.textsOnly')}</p> : null}
      <fieldset className="contents" disabled={textsOnly}>
        <CheckboxGroup
          id={fieldId('topics')}
          label={t('setup.topics')}
          error={e.topics}
          choices={TOPICS.map((value) => ({ value, label: words.topic(value) }))}
          value={state.topics}
          onChange={(topics) => set({ topics })}
          disabled={textsOnly}
        />
        <SpokenLanguages
          id={fieldId('sessionLanguages')}
          legend={t('setup.sessionLanguages')}
          hint={t('setup.sessionLanguagesHint')}
          max={4}
          value={state.sessionLanguages}
          onChange={(sessionLanguages) => set({ sessionLanguages })}
          error={e.sessionLanguages}
          disabled={textsOnly}
        />
        <SelectField
          id={fieldId('audience')}
          label={t('setup.audience')}
          error={e.audience}
          value={state.audience}
          onChange={(ev) => set({ audience: ev.target.value as GroupFormState['audience'] })}
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {words.audience(a)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fieldId('region')}
          label={t('setup.region')}
          error={e.region}
          value={state.region}
          onChange={(ev) => set({ region: ev.target.value as GroupFormState['region'] })}
        >
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {words.region(r)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={fieldId('capacity')}
          label={t('setup.capacity')}
          hint={t('setup.capacityHint')}
          error={e.capacity}
          type="number"
          inputMode="numeric"
          min={2}
          max={30}
          value={state.capacity}
          onChange={(ev) => set({ capacity: ev.target.value })}
          required
        />
        {textsOnly ? null : (
          <StaffFields value={state} onChange={set} fieldId={fieldId} errors={e} />
        )}
        <SelectField
          id={fieldId('status')}
          label={t('setup.status')}
          hint={t('setup.statusHint')}
          error={e.status}
          value={state.status}
          onChange={(ev) => set({ status: ev.target.value as GroupFormState['status'] })}
        >
          {(['draft', 'open', 'ended'] as const).map((s) => (
            <option key={s} value={s}>
              {words.status(s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fieldId('visibility')}
          label={t('setup.visibility')}
          error={e.visibility}
          value={state.visibility}
          onChange={(ev) =>
            set({ visibility: ev.target.value === 'invitation' ? 'invitation' : 'public' })
          }
        >
          <option value="public">{t('setup.visibilities.public')}</option>
          <option value="invitation">{t('setup.visibilities.invitation')}</option>
        </SelectField>
        <CheckboxField
          id={fieldId('observationAllowed')}
          label={t('setup.observationAllowed')}
          hint={t('setup.observationHint')}
          error={e.observationAllowed}
          checked={state.observationAllowed}
          onChange={(ev) => set({ observationAllowed: ev.target.checked })}
        />
        <CheckboxField
          id={fieldId('requiresApproval')}
          label={t('setup.requiresApproval')}
          error={e.requiresApproval}
          checked={state.requiresApproval}
          onChange={(ev) => set({ requiresApproval: ev.target.checked })}
        />
        <TextField
          id={fieldId('joinWindowMinutes')}
          label={t('setup.joinWindow')}
          hint={t('setup.joinWindowHint')}
          error={e.joinWindowMinutes}
          type="number"
          inputMode="numeric"
          min={0}
          max={60}
          value={state.joinWindowMinutes}
          onChange={(ev) => set({ joinWindowMinutes: ev.target.value })}
          required
        />
        {textsOnly ? null : (
          <ScheduleFields
            value={state.schedule}
            onChange={(schedule) => set({ schedule })}
            fieldId={fieldId}
            errors={e}
          />
        )}
      </fieldset>
      {/* Outside the locked fieldset: the lead facilitator, who runs the lobby, may change it. */}
      <CheckboxField
        id={fieldId('autoAdmit')}
        label={t('setup.autoAdmit')}
        hint={t('setup.autoAdmitHint')}
        error={e.autoAdmit}
        checked={state.autoAdmit}
        onChange={(ev) => set({ autoAdmit: ev.target.checked })}
      />
      <SubmitButton busy={busy} label={group ? t('setup.save') : t('setup.create')} />
    </form>
  );
}
