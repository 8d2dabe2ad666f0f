import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import type { RemoteTrack } from './liveState.ts';
import { MediaTrackView } from './MediaTrackView.tsx';

/** On an interpreter's channel the floor is still heard, turned down (not off). */
export const FLOOR_UNDER_INTERPRETER = 0.25;

/**
 * Everyone's sound, one hidden <audio> per track, whatever the video layout shows. On a channel,
 * its interpreter at full volume and everyone else lower.
 */
export function RemoteAudio({
  tracks,
  participants,
  channel,
}: {
  tracks: RemoteTrack[];
  participants: LiveParticipant[];
  channel: string | null;
}) {
  const interpreters = new Set(
    participants.filter((p) => channel && p.interpreting === channel).map((p) => p.peerId),
  );
  return (
    <div hidden>
      {tracks
        .filter((track) => track.kind === 'audio')
        .map((track) => {
          const volume =
            interpreters.size === 0 || interpreters.has(track.peerId) ? 1 : FLOOR_UNDER_INTERPRETER;
          return (
            <MediaTrackView
              key={track.producerId}
              track={track.track}
              volume={volume}
              data-testid="remote-audio"
              data-peer-id={track.peerId}
              data-volume={volume}
            />
          );
        })}
    </div>
  );
}
