import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import { HandIcon, MicOffIcon, VideoOffIcon, WifiOffIcon, type Icon } from '../../lib/icons.ts';

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
  const items: [string, Icon, string][] = [];
  if (participant.handRaised) items.push(['hand', HandIcon, t('status.handRaised')]);
  if (participant.micMuted) items.push(['mic', MicOffIcon, t('status.micOff')]);
  if (inList && participant.cameraOff) items.push(['camera', VideoOffIcon, t('status.cameraOff')]);
  if (inList && !participant.connected) items.push(['dropped', WifiOffIcon, t('status.dropped')]);
  if (items.length === 0) return null;
  return (
    <span className="live-status">
      {items.map(([key, StatusIcon, words]) => (
        <span key={key} className={`live-status-${key}`} title={words}>
          <StatusIcon className="live-status-icon" aria-hidden="true" />
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
