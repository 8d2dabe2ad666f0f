import { useTranslation } from 'react-i18next';
import type { EnrolmentInfo } from '../../../../server/protocol/groups.ts';

/** An enrolment's status: a sentence for the family, or a short label for lists. */
export function EnrolmentStatusText({
  enrolment,
  short = false,
}: {
  enrolment: Pick<EnrolmentInfo, 'status' | 'waitlistPosition' | 'reason'>;
  short?: boolean;
}) {
  const { t } = useTranslation('groups');
  const key = `enrolment.${short ? 'short' : 'status'}.${enrolment.status}`;
  return (
    <>
      {t(key, { position: enrolment.waitlistPosition ?? '?' })}
      {enrolment.reason ? ` ${t('sessions.reason', { reason: enrolment.reason })}` : null}
    </>
  );
}
