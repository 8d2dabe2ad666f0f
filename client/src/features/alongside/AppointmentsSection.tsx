// The family's own appointments: coming ones first, then the recent past; each says plainly
// whether their volunteer sees it, and can be changed or deleted (after a confirmation).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentInfo } from '../../../../server/protocol/alongside.ts';
import { ApiError, del } from '../../lib/api.ts';
import { EyeIcon, EyeOffIcon } from '../../lib/icons.ts';
import { useResource } from '../../lib/useResource.ts';
import { AppointmentsDetails } from './AppointmentsDetails.tsx';
import { AppointmentsForm } from './AppointmentsForm.tsx';
import './appointments.css';

export function AppointmentsSection() {
  const { t } = useTranslation('appointments');
  const appointments = useResource<AppointmentInfo[]>('/alongside/appointments');
  const [status, setStatus] = useState<string | null>(null);
  const now = Date.now();
  const list = appointments.data ?? [];
  const coming = list.filter((a) => new Date(a.startsAt).getTime() >= now);
  const recent = list.filter((a) => new Date(a.startsAt).getTime() < now);
  const changed = (message: string) => {
    setStatus(message);
    appointments.reload();
  };

  return (
    <section className="section" aria-labelledby="appointments-heading">
      <h2 id="appointments-heading">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p role="status">{status}</p>
      {appointments.error ? <p role="alert">{t('loadFailed')}</p> : null}
      {appointments.data && list.length === 0 ? <p>{t('empty')}</p> : null}
      {coming.length > 0 ? (
        <AppointmentsGroup title={t('coming')} items={coming} onChange={changed} />
      ) : null}
      {recent.length > 0 ? (
        <AppointmentsGroup title={t('recent')} items={recent} onChange={changed} />
      ) : null}
      <div className="appointment-part">
        <h3>{t('add')}</h3>
        <AppointmentsForm onSaved={() => changed(t('saved'))} />
      </div>
    </section>
  );
}

function AppointmentsGroup({
  title,
  items,
  onChange,
}: {
  title: string;
  items: AppointmentInfo[];
  onChange: (message: string) => void;
}) {
  return (
    <div className="appointment-part">
      <h3>{title}</h3>
      <ul className="appointment-list">
        {items.map((appointment) => (
          <OwnAppointment key={appointment.id} appointment={appointment} onChange={onChange} />
        ))}
      </ul>
    </div>
  );
}

function OwnAppointment({
  appointment,
  onChange,
}: {
  appointment: AppointmentInfo;
  onChange: (message: string) => void;
}) {
  const { t } = useTranslation('appointments');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (editing)
    return (
      <li className="card appointment-card">
        <h5>{t('editTitle')}</h5>
        <AppointmentsForm
          appointment={appointment}
          onSaved={() => {
            setEditing(false);
            onChange(t('saved'));
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );

  const remove = async () => {
    setError(null);
    try {
      await del(`/alongside/appointments/${appointment.id}`);
      onChange(t('deleted'));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors:internal'));
    }
  };

  return (
    <AppointmentsDetails appointment={appointment}>
      <p className={appointment.shared ? 'appointment-badge shared' : 'appointment-badge'}>
        {appointment.shared ? (
          <EyeIcon aria-hidden="true" size={16} />
        ) : (
          <EyeOffIcon aria-hidden="true" size={16} />
        )}
        {appointment.shared ? t('sharedBadge') : t('privateBadge')}
      </p>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <div className="notice" role="group" aria-label={t('delete')}>
          <p>{t('deleteConfirm')}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('deleteYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('delete')}
          </button>
        </div>
      )}
    </AppointmentsDetails>
  );
}
