import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  groupSchemas,
  MEETING_KINDS,
  type LocalizedText,
  type MeetingInfo,
  type MeetingInput,
  type MeetingKind,
} from '../../../../server/protocol/groups.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, SelectField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { SpokenLanguages } from '../account/SpokenLanguages.tsx';
import { emptySchedule, scheduleFrom, type ScheduleState } from '../groups/setup/formState.ts';
import { LocalizedRows } from '../groups/setup/LocalizedRows.tsx';
import { ScheduleFields } from '../groups/setup/ScheduleFields.tsx';
import { useHostChoices, useMemberChoices } from './memberChoices.ts';

interface MeetingFormState {
  kind: MeetingKind;
  title: LocalizedText[];
  description: LocalizedText[];
  hostId: string;
  memberIds: string[];
  sessionLanguages: string[];
  schedule: ScheduleState;
}

/**
 * Setting up a meeting. Coordinators choose its host; a trainer hosts their own; a facilitator
 * may set up only a peer meeting, hosted by themself. The server checks all of it again.
 */
export function MeetingForm() {
  const { t } = useTranslation('meetings');
  const format = useFormat();
  const navigate = useNavigate();
  const { person } = useSession();
  const coordinator = hasAnyRole(person, ['coordinator']);
  const kinds: readonly MeetingKind[] = hasAnyRole(person, ['coordinator', 'trainer'])
    ? MEETING_KINDS
    : ['peer'];
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [state, setState] = useState<MeetingFormState>(() => ({
    kind: kinds[0] ?? 'peer',
    title: [{ lang: format.language, text: '' }],
    description: [{ lang: format.language, text: '' }],
    hostId: coordinator ? '' : (person?.id ?? ''),
    memberIds: [],
    sessionLanguages: [],
    schedule: emptySchedule(),
  }));
  const set = (change: Partial<MeetingFormState>) => setState((s) => ({ ...s, ...change }));
  const hosts = useHostChoices(coordinator, state.kind);
  const members = useMemberChoices();
  const memberChoices = members.choices.filter((c) => c.id !== state.hostId);
  const e = errors.fields;

  const labels: Record<string, string> = {
    kind: t('form.kind'),
    hostId: t('form.host'),
    title: t('form.meetingTitle'),
    ...Object.fromEntries(state.title.map((_, i) => [`title.${i}.text`, t('form.meetingTitle')])),
    description: t('form.description'),
    ...Object.fromEntries(
      state.description.map((_, i) => [`description.${i}.text`, t('form.description')]),
    ),
    sessionLanguages: t('form.sessionLanguages'),
    memberIds: t('members.legend'),
    'schedule.startDate': t('groups:setup.startDate'),
    'schedule.startTime': t('groups:setup.startTime'),
    'schedule.durationMinutes': t('groups:setup.duration'),
    'schedule.until': t('groups:setup.until'),
    'schedule.count': t('groups:setup.count'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An untouched description is left out: the server then shows the title in its place.
    const description = state.description.filter((d) => d.text.trim() !== '');
    const body: MeetingInput = {
      kind: state.kind,
      title: state.title,
      ...(description.length > 0 ? { description } : {}),
      hostId: state.hostId,
      memberIds: state.memberIds.filter((id) => id !== state.hostId),
      sessionLanguages: state.sessionLanguages,
      schedule: scheduleFrom(state.schedule),
    };
    void submit(
      validate(groupSchemas.meetingInput, body, t),
      async (data) => {
        await post<MeetingInfo>('/meetings', data);
        void navigate('/meetings');
      },
      { leaves: true },
    );
  };

  const changeKind = (kind: MeetingKind) =>
    // A facilitator chosen to host a peer meeting cannot host training or supervision.
    set(coordinator && kind !== 'peer' ? { kind, hostId: '' } : { kind });

  return (
    <form className="form meeting-form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      {kinds.length > 1 ? (
        <SelectField
          id={fieldId('kind')}
          label={t('form.kind')}
          error={e.kind}
          value={state.kind}
          onChange={(ev) => changeKind(ev.target.value as MeetingKind)}
        >
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
      ) : (
        <p className="notice">{t('form.peerOnly')}</p>
      )}
      {coordinator ? (
        <SelectField
          id={fieldId('hostId')}
          label={t('form.host')}
          hint={t('form.hostHint')}
          error={e.hostId}
          value={state.hostId}
          onChange={(ev) => set({ hostId: ev.target.value })}
          required
        >
          <option value="">{t('form.choosePerson')}</option>
          {hosts.map((host) => (
            <option key={host.id} value={host.id}>
              {host.label}
            </option>
          ))}
        </SelectField>
      ) : (
        <div className="field" id={fieldId('hostId')}>
          <p>
            <strong>{t('form.host')}:</strong> {t('form.hostSelf')}
          </p>
          {e.hostId ? <p className="field-error">{e.hostId}</p> : null}
        </div>
      )}
      <LocalizedRows
        name="title"
        legend={t('form.meetingTitle')}
        hint={t('form.titleHint')}
        value={state.title}
        onChange={(title) => set({ title })}
        fieldId={fieldId}
        errors={e}
      />
      <LocalizedRows
        name="description"
        legend={t('form.description')}
        hint={t('form.descriptionHint')}
        value={state.description}
        onChange={(description) => set({ description })}
        fieldId={fieldId}
        errors={e}
        multiline
      />
      <SpokenLanguages
        id={fieldId('sessionLanguages')}
        legend={t('form.sessionLanguages')}
        hint={t('form.sessionLanguagesHint')}
        max={4}
        value={state.sessionLanguages}
        onChange={(sessionLanguages) => set({ sessionLanguages })}
        error={e.sessionLanguages}
      />
      {members.error ? <p className="field-error">{members.error.message}</p> : null}
      <CheckboxGroup
        id={fieldId('memberIds')}
        label={t('members.legend')}
        hint={
          <>
            {members.mayList ? t('members.hint') : t('form.membersHintColleagues')}
            {memberChoices.length === 0 ? ` ${t('members.noChoices')}` : null}
          </>
        }
        error={e.memberIds}
        choices={memberChoices.map((c) => ({ value: c.id, label: c.label }))}
        value={state.memberIds}
        onChange={(memberIds) => set({ memberIds })}
      />
      <ScheduleFields
        value={state.schedule}
        onChange={(schedule) => set({ schedule })}
        fieldId={fieldId}
        errors={e}
      />
      <SubmitButton busy={busy} label={t('form.create')} />
    </form>
  );
}
