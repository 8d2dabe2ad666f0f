import { useCallback } from 'react';
import type { HTMLAttributes } from 'react';

/**
 * One track in a <video> or <audio>. Videos are always muted: sound plays through the separate
 * audio elements, so a hidden or capped video never silences anyone.
 */
export function MediaTrackView({
  track,
  mirrored = false,
  className,
  ...attributes
}: { track: MediaStreamTrack; mirrored?: boolean } & HTMLAttributes<HTMLMediaElement>) {
  const attach = useCallback(
    (element: HTMLMediaElement | null) => {
      if (!element) return;
      element.srcObject = new MediaStream([track]);
      // The autoplay attribute covers most browsers; play() covers the rest. A refusal is left
      // alone: the person joined with a click, so sound is normally allowed.
      element.play().catch(() => undefined);
      return () => {
        element.srcObject = null;
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
