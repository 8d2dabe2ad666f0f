import type { RemoteTrack } from './liveState.ts';
import { MediaTrackView } from './MediaTrackView.tsx';

/** Everyone's sound, one hidden <audio> per track, whatever the video layout shows. */
export function RemoteAudio({ tracks }: { tracks: RemoteTrack[] }) {
  return (
    <div hidden>
      {tracks
        .filter((track) => track.kind === 'audio')
        .map((track) => (
          <MediaTrackView
            key={track.producerId}
            track={track.track}
            data-testid="remote-audio"
            data-peer-id={track.peerId}
          />
        ))}
    </div>
  );
}
