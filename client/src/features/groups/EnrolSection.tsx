import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EnrolmentInfo, GroupDetail } from '../../../../server/protocol/groups.ts';
import { del, post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom } from '../../lib/forms/errors.ts';
import { CheckboxField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useSession } from '../account/session.tsx';
import { CalendarFileLink } from './CalendarFileLink.tsx';
import { EnrolmentStatusText } from './EnrolmentStatus.tsx';

const ACTIVE = ['confirmed', 'waitlisted', 'pending'];

/** Signing in, enrolling (accepting the rules), or one's own enrolment and leaving. */
export function EnrolSection({ group, onChange }: { group: GroupDetail; onChange: () => void }) {
  const { t } = useTranslation('groups');
  const { person } = useSession();
  const mine = group.myEnrolment;
  const active = mine && ACTIVE.includes(mine.status);
  // What just happened here, so its outcome can be focused and announced.
  const [event, setEvent] = useState<'enrolled' | 'left' | null>(null);
  const after = (what: 'enrolled' | 'left') => () => {
    setEvent(what);
    onChange();
  };

  let body;
  if (!person) {
    const next = encodeURIComponent(`/groups/${group.id}`);
    body = (
      <div className="notice">
        <p>{t('enrol.signInFirst')}</p>
        <p className="actions">
          <Link className="button" to={`/sign-in?next=${next}`}>
            {t('enrol.signIn')}
          </Link>
          <Link className="button secondary" to="/sign-up">
            {t('enrol.signUp')}
          </Link>
        </p>
      </div>
    );
  } else if (active) {
    body = (
      <MyEnrolment
        group={group}
        enrolment={mine}
        focus={event === 'enrolled'}
        onCancelled={after('left')}
      />
    );
  } else if (group.can.enrol) {
    body = (
      <>
        {event === 'left' ? (
          <FocusedNotice text={t('enrolment.cancelled')} />
        ) : mine ? (
          <p className="notice">
            <EnrolmentStatusText enrolment={mine} />
          </p>
        ) : null}
        <EnrolForm group={group} onEnrolled={after('enrolled')} />
      </>
    );
  } else {
    body = <p>{t('enrol.familiesOnly')}</p>;
  }

  return (
    <section className="section" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('enrol.title')}</h2>
      {body}
    </section>
  );
}

function EnrolForm({ group, onEnrolled }: { group: GroupDetail; onEnrolled: () => void }) {
  const { t } = useTranslation('groups');
  const { errors, setErrors, fieldId, busy, submit } = useFormSubmit();
  const [accepted, setAccepted] = useState(false);
  const rules = t('rules.items', { returnObjects: true }) as unknown;
  const label = t('enrol.accept');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!accepted) {
      setErrors({
        message: t('errors:invalid'),
        fields: { acceptRules: t('enrol.acceptRequired') },
      });
      return;
    }
    const body = { acceptRules: group.rulesVersion };
    void submit(
      { data: body, errors: null },
      async (data) => {
        await post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, data);
        onEnrolled();
      },
      { leaves: true },
    );
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={{ acceptRules: label }} />
      <h3>{t('rules.title')}</h3>
      <ul className="rules">
        {Array.isArray(rules) && rules.map((rule) => <li key={String(rule)}>{String(rule)}</li>)}
        <li>
          <strong>
            {group.observationAllowed ? t('observation.allowed') : t('observation.notAllowed')}
          </strong>
        </li>
        <li>{group.requiresApproval ? t('rules.approval') : t('rules.firstCome')}</li>
      </ul>
      <CheckboxField
        id={fieldId('acceptRules')}
        label={label}
        error={errors.fields.acceptRules}
        checked={accepted}
        onChange={(event) => setAccepted(event.target.checked)}
        required
      />
      <SubmitButton
        busy={busy}
        label={
          group.freePlaces > 0 || group.requiresApproval
            ? t('enrol.submit')
            : t('enrol.submitWaitlist')
        }
      />
    </form>
  );
}

function FocusedNotice({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} className="notice" role="status" tabIndex={-1}>
      {text}
    </p>
  );
}

function MyEnrolment({
  group,
  enrolment,
  focus,
  onCancelled,
}: {
  group: GroupDetail;
  enrolment: EnrolmentInfo;
  focus: boolean;
  onCancelled: () => void;
}) {
  const { t } = useTranslation('groups');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const confirmId = useId();

  useEffect(() => {
    if (focus) status.current?.focus();
  }, [focus]);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const cancel = async () => {
    setBusy(true);
    try {
      await del(`/groups/${group.id}/enrolments/me`);
      onCancelled();
    } catch (e) {
      setError(errorsFrom(e, t).message);
      setBusy(false);
    }
  };

  return (
    <>
      {/* Focused after enrolling: the outcome is the first thing read. */}
      <div ref={status} className="notice enrolment-status" role="status" tabIndex={-1}>
        <p>
          <EnrolmentStatusText enrolment={enrolment} />
        </p>
        {enrolment.status === 'confirmed' ? (
          <p>
            <CalendarFileLink groupId={group.id} /> ·{' '}
            <Link to="/my-groups">{t('myGroups.title')}</Link>
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <div className="notice" role="group" aria-labelledby={confirmId}>
          <p id={confirmId} ref={question} tabIndex={-1}>
            {enrolment.status === 'confirmed'
              ? t('enrol.confirmLeaveSeat')
              : t('enrol.confirmLeave')}
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void cancel()}>
              {t('enrol.leaveYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('enrol.leaveNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('enrol.leave')}
          </button>
        </div>
      )}
    </>
  );
}
