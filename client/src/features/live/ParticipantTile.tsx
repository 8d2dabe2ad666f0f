import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import type { RemoteTrack, TransientReaction } from './liveState.ts';
import { MediaTrackView } from './MediaTrackView.tsx';
import { initialOf, ParticipantStatus } from './ParticipantStatus.tsx';
import { REACTION_ICONS } from './reactions.ts';

/**
 * One person on the stage: their video when it is forwarded to us, otherwise their initial.
 * Memoised: in a room of eight, every join re-rendered every tile on every page.
 */
export const ParticipantTile = memo(function ParticipantTile({
  participant,
  hostLabel,
  video,
  localTrack,
  name,
  speaking,
  spotlighted,
  reactions,
  cameraProducerId,
}: {
  participant: LiveParticipant;
  /** "Facilitator" in a family group, "Host" in a facilitators' meeting. */
  hostLabel: string;
  /** Their camera, only when the server forwards it (in videoSlots) and it is on. */
  video: RemoteTrack | null;
  /** Our own self-view, mirrored. */
  localTrack?: MediaStreamTrack | null;
  name: string;
  /** Heard now; the caller leaves it false while their microphone is off. */
  speaking: boolean;
  spotlighted: boolean;
  reactions: TransientReaction[];
  /** The camera producer this tile's width is reported for (so the SFU sends a fitting size). */
  cameraProducerId?: string | undefined;
}) {
  const { t } = useTranslation('live');
  const labelId = useId();
  return (
    // A named group: a screen reader entering the tile hears whose it is, role and state.
    <div
      className="live-tile"
      role="group"
      aria-labelledby={labelId}
      data-testid="participant-tile"
      data-name={participant.name}
      data-speaking={speaking}
      data-connected={participant.connected}
      data-camera-producer={cameraProducerId}
    >
      {video ? (
        <MediaTrackView
          track={video.track}
          className="live-video"
          data-testid="remote-video"
          data-peer-id={video.peerId}
          data-producer-id={video.producerId}
        />
      ) : localTrack ? (
        <MediaTrackView track={localTrack} className="live-video" mirrored />
      ) : (
        <span className="live-avatar" aria-hidden="true">
          {initialOf(participant.name)}
        </span>
      )}
      <ul className="live-reactions">
        {reactions.map((reaction) => {
          const ReactionIcon = REACTION_ICONS[reaction.reaction];
          return (
            <li key={reaction.id} className="live-reaction" data-reaction={reaction.reaction}>
              <ReactionIcon className="live-reaction-icon" aria-hidden="true" />
              <span className="live-reaction-word">{t(`reactions.${reaction.reaction}`)}</span>
            </li>
          );
        })}
      </ul>
      <p className="live-tile-label" id={labelId}>
        <span className="live-tile-name" dir="auto">
          {name}
        </span>
        {participant.role === 'host' ? <span className="live-role">{hostLabel}</span> : null}
        {spotlighted ? <span className="live-role">{t('room.spotlighted')}</span> : null}
        {speaking ? <span className="visually-hidden">{t('status.speaking')}</span> : null}
        <ParticipantStatus participant={participant} />
      </p>
      {participant.connected ? null : <p className="live-tile-dropped">{t('status.dropped')}</p>}
    </div>
  );
});
