import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REASON_REQUIRED,
  type ApplicationInfo,
  type PipelineStatus,
} from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import type { FormErrors, Validated } from '../../lib/forms/errors.ts';
import { TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { helsinkiInputToIso, toHelsinkiInput } from './helsinkiTime.ts';
import { useFormat } from '../../lib/format.ts';

interface Step {
  to: PipelineStatus;
  reason: string;
  interviewAt?: string;
}

/** One button per stage the application may move to; a reason where one is needed. */
export function TransitionForm({
  application,
  onMoved,
}: {
  application: ApplicationInfo;
  onMoved: () => void;
}) {
  const { t } = useTranslation('recruitment');
  const format = useFormat();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [reason, setReason] = useState('');
  const [interviewAt, setInterviewAt] = useState('');
  const [moved, setMoved] = useState<PipelineStatus | null>(null);
  const status = (s: string) => t(`statuses.${s}`);
  const booking = application.next.includes('interviewBooked');
  const needingReason = application.next.filter((s) => REASON_REQUIRED.includes(s));

  const labels = {
    interviewAt: t('detail.interviewTime'),
    reason: t('detail.reasonLabel'),
  };

  const check = (to: PipelineStatus): Validated<Step> => {
    const fields: Record<string, string> = {};
    if (REASON_REQUIRED.includes(to) && !reason.trim()) fields.reason = t('detail.reasonMissing');
    const at = to === 'interviewBooked' ? helsinkiInputToIso(interviewAt) : null;
    if (to === 'interviewBooked' && (!at || Date.parse(at) <= Date.now()))
      fields.interviewAt = t('detail.interviewTimeMissing');
    if (Object.keys(fields).length > 0) {
      const failed: FormErrors = { message: t('errors:invalid'), fields };
      return { data: null, errors: failed };
    }
    return { data: { to, reason, ...(at ? { interviewAt: at } : {}) }, errors: null };
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const to = submitter?.value as PipelineStatus | undefined;
    if (!to || !application.next.includes(to)) return;
    setMoved(null);
    void submit(check(to), async (step) => {
      await post<ApplicationInfo>(`/recruitment/${application.id}/transition`, step);
      setReason('');
      setInterviewAt('');
      setMoved(step.to);
      onMoved();
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <p role="status">{moved ? t('detail.moved', { status: status(moved) }) : null}</p>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      {booking ? (
        <TextField
          id={fieldId('interviewAt')}
          type="datetime-local"
          label={labels.interviewAt}
          hint={t('detail.interviewTimeHint')}
          error={errors.fields.interviewAt}
          value={interviewAt}
          min={toHelsinkiInput(new Date())}
          onChange={(ev) => setInterviewAt(ev.target.value)}
          data-testid="interview-at"
        />
      ) : null}
      <TextAreaField
        id={fieldId('reason')}
        label={labels.reason}
        hint={
          needingReason.length > 0
            ? t('detail.reasonHint', { statuses: format.list(needingReason.map(status)) })
            : undefined
        }
        error={errors.fields.reason}
        value={reason}
        onChange={(ev) => setReason(ev.target.value)}
        rows={3}
        maxLength={1000}
      />
      <div className="transition-buttons">
        {application.next.map((to) => (
          <button
            key={to}
            type="submit"
            name="to"
            value={to}
            className={to === 'declined' || to === 'ended' ? 'danger' : undefined}
            disabled={busy}
            data-to={to}
          >
            {application.status === 'interviewBooked' && to === 'applied'
              ? t('detail.cancelBooking', { status: status(to) })
              : t('detail.moveTo', { status: status(to) })}
          </button>
        ))}
      </div>
    </form>
  );
}
