import { useCallback, useEffect, useRef } from 'react';
import type { HTMLAttributes } from 'react';

/**
 * One track in a <video> or <audio>. Videos are always muted: sound plays through the separate
 * audio elements, so a hidden or capped video never silences anyone.
 */
export function MediaTrackView({
  track,
  mirrored = false,
  volume = 1,
  className,
  ...attributes
}: {
  track: MediaStreamTrack;
  mirrored?: boolean;
  /** 0–1, for audio (the floor is turned down under an interpreter's voice). */
  volume?: number;
} & HTMLAttributes<HTMLMediaElement>) {
  const element = useRef<HTMLMediaElement | null>(null);
  const volumeNow = useRef(volume);
  useEffect(() => {
    volumeNow.current = volume;
    if (element.current) element.current.volume = volume;
  }, [volume]);
  const attach = useCallback(
    (media: HTMLMediaElement | null) => {
      element.current = media;
      if (!media) return;
      media.srcObject = new MediaStream([track]);
      media.volume = volumeNow.current;
      // The autoplay attribute covers most browsers; play() covers the rest. A refusal is left
      // alone: the person joined with a click, so sound is normally allowed.
      media.play().catch(() => undefined);
      return () => {
        media.srcObject = null;
      };
    },
    [track],
  );

  if (track.kind === 'audio') return <audio ref={attach} autoPlay {...attributes} />;
  const classes = [className, mirrored ? 'live-mirrored' : ''].filter(Boolean).join(' ');
  return (
    <video
      ref={attach}
      autoPlay
      playsInline
      muted
      className={classes || undefined}
      {...attributes}
    />
  );
}
