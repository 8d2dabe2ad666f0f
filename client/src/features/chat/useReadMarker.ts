// Read markers: when the newest messages are on screen in a tab that is visible and focused,
// tell the server how far this person has read (the client debounces it). Unread badges follow.
import { useCallback, useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { ChannelView, ChatClient } from './chatClient.ts';

export function useReadMarker(
  client: ChatClient,
  view: ChannelView,
  sentinel: RefObject<HTMLElement | null>,
): void {
  const visible = useRef(false);
  const newest = view.messages.at(-1)?.seq ?? 0;
  const readSeq = view.state?.readSeq ?? 0;
  const channelId = view.channelId;

  const check = useCallback(() => {
    if (!visible.current || newest <= readSeq) return;
    if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
    client.markRead(channelId, newest);
  }, [client, channelId, newest, readSeq]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    // Without a root, the observer also accounts for the log's own scrolling and a closed panel.
    const observer = new IntersectionObserver((entries) => {
      visible.current = entries.some((entry) => entry.isIntersecting);
      check();
    });
    observer.observe(element);
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      observer.disconnect();
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [check, sentinel]);
}
