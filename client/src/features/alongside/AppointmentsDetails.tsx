// One appointment as read: what (the family's words, in their own direction), when in Finnish
// time in the reader's language, and where.
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AppointmentInfo } from '../../../../server/protocol/alongside.ts';
import { useFormat } from '../../lib/format.ts';
import { CalendarClockIcon, MapPinIcon } from '../../lib/icons.ts';

export function AppointmentsDetails({
  appointment,
  level = 4,
  children,
}: {
  appointment: AppointmentInfo;
  /** Its heading's level under the list's own (the volunteer's list sits one deeper). */
  level?: 4 | 5;
  /** What follows the details (a badge, the family's buttons). */
  children?: ReactNode;
}) {
  const { t } = useTranslation('appointments');
  const format = useFormat();
  const Heading = level === 5 ? 'h5' : 'h4';
  return (
    <li className="card appointment-card">
      <Heading dir="auto">{appointment.what}</Heading>
      <p className="appointment-line">
        <CalendarClockIcon aria-hidden="true" size={18} />
        <time dateTime={appointment.startsAt}>{format.sessionTime(appointment.startsAt)}</time>
      </p>
      {appointment.where ? (
        <p className="appointment-line">
          <MapPinIcon aria-hidden="true" size={18} />
          <span>
            <Trans
              t={t}
              i18nKey="place"
              values={{ where: appointment.where }}
              components={{ place: <bdi dir="auto" /> }}
            />
          </span>
        </p>
      ) : null}
      {children}
    </li>
  );
}
