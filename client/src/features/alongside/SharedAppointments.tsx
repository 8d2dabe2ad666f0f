// The volunteer's read-only list of what the family shared, for one pairing. It is re-read when
// the server nudges (the family changed a shared appointment) and after a reconnect; the nudge
// carries no content, so what shows is always what the route allows now (nothing once ended).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentInfo } from '../../../../server/protocol/alongside.ts';
import { useResource } from '../../lib/useResource.ts';
import { useChatClient } from '../chat/ChatProvider.tsx';
import { AppointmentsDetails } from './AppointmentsDetails.tsx';
import './appointments.css';

export function SharedAppointments({ pairingId }: { pairingId: string }) {
  const { t } = useTranslation('appointments');
  const appointments = useResource<AppointmentInfo[]>(
    `/alongside/pairings/${encodeURIComponent(pairingId)}/appointments`,
  );
  const client = useChatClient();
  const { reload } = appointments;

  useEffect(() => {
    const socket = client?.socket;
    if (!socket) return;
    const onChanged = (change: { pairingId: string }) => {
      if (change.pairingId === pairingId) reload();
    };
    const onReconnect = () => {
      if (!socket.recovered) reload();
    };
    socket.on('alongside:appointmentsChanged', onChanged);
    socket.on('connect', onReconnect);
    return () => {
      socket.off('alongside:appointmentsChanged', onChanged);
      socket.off('connect', onReconnect);
    };
  }, [client, pairingId, reload]);

  const list = appointments.data ?? [];
  return (
    <section className="section" aria-labelledby={`shared-appointments-${pairingId}`}>
      <h4 id={`shared-appointments-${pairingId}`}>{t('volunteer.title')}</h4>
      <p>{t('volunteer.intro')}</p>
      {appointments.error ? <p role="alert">{t('loadFailed')}</p> : null}
      {appointments.data && list.length === 0 ? <p>{t('volunteer.empty')}</p> : null}
      {list.length > 0 ? (
        <ul className="appointment-list">
          {list.map((appointment) => (
            <AppointmentsDetails key={appointment.id} appointment={appointment} level={5} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
