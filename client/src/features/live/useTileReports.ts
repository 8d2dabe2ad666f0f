// Tells the server how wide each camera tile is drawn, so the SFU forwards a layer that fits
// (a thumbnail on a phone needs far fewer bits than a spotlight on a laptop).
import { useEffect, type RefObject } from 'react';

type Report = (tiles: { producerId: string; width: number }[]) => void;

/** Tiles mark themselves with data-camera-producer; `layoutKey` changes when tiles come or go. */
export function useTileReports(
  container: RefObject<HTMLElement | null>,
  layoutKey: string,
  report: Report,
): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let timer: number | undefined;
    let last = '';
    const send = () => {
      timer = undefined;
      const tiles = Array.from(root.querySelectorAll<HTMLElement>('[data-camera-producer]')).map(
        (element) => ({
          producerId: element.dataset.cameraProducer ?? '',
          width: Math.round(element.getBoundingClientRect().width),
        }),
      );
      const signature = JSON.stringify(tiles);
      if (signature === last) return;
      last = signature;
      report(tiles);
    };
    // Resizing a window fires many times a second: report at most every 400 ms.
    const schedule = () => {
      timer ??= window.setTimeout(send, 400);
    };
    const observer = new ResizeObserver(schedule);
    root.querySelectorAll('[data-camera-producer]').forEach((tile) => observer.observe(tile));
    schedule();
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [container, layoutKey, report]);
}
