import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';

/**
 * A person's state as small pictures, each with its words for screen readers (and as a
 * tooltip): microphone off, camera off, hand raised, connection lost.
 */
export function ParticipantStatus({
  participant,
  inList = false,
}: {
  participant: LiveParticipant;
  /** A tile shows a missing camera and a lost connection by itself; the list says them. */
  inList?: boolean;
}) {
  const { t } = useTranslation('live');
  const items: [string, string, string][] = [];
  if (participant.handRaised) items.push(['hand', '✋', t('status.handRaised')]);
  if (participant.micMuted) items.push(['mic', '🔇', t('status.micOff')]);
  if (inList && participant.cameraOff) items.push(['camera', '📷', t('status.cameraOff')]);
  if (inList && !participant.connected) items.push(['dropped', '⚠️', t('status.dropped')]);
  if (items.length === 0) return null;
  return (
    <span className="live-status">
      {items.map(([key, icon, words]) => (
        <span key={key} className={`live-status-${key}`} title={words}>
          <span aria-hidden="true">{icon}</span>
          <span className="visually-hidden">{words}</span>
        </span>
      ))}
    </span>
  );
}

/** The first letter of a name, shown when there is no video ("M" for Maria). */
export function initialOf(name: string): string {
  return (Array.from(name.trim())[0] ?? '?').toLocaleUpperCase();
}
