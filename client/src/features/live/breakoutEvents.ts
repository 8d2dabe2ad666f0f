// Breakout rooms as the server tells them: a new room (or the main room again) replaces the
// participants we see, and the media follows — LiveMedia.sync consumes exactly those people.
import type { ClientSocket } from '../../lib/socket.ts';
import type { LiveClient } from './liveClient.ts';

export function listenToBreakouts(socket: ClientSocket, client: LiveClient): void {
  socket.on('live:breakout', ({ breakout, participants }) => {
    const before = client.getState().breakout?.room?.id ?? null;
    const moved = before !== (breakout?.room?.id ?? null);
    client.set({
      breakout,
      participants,
      // Another room: its own talk, and nobody heard speaking yet.
      ...(moved ? { breakoutChat: [], activeSpeaker: null, speaking: [] } : {}),
    });
    void client.syncMedia();
  });
  socket.on('live:breakoutMessage', (message) => {
    client.set({ breakoutChat: [...client.getState().breakoutChat, message].slice(-200) });
  });
}
