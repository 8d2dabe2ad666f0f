// What the server pushes during a live session, applied to the client's state.
import type { ClientSocket } from '../../lib/socket.ts';
import type { LiveClient } from './liveClient.ts';
import { toolsPatch } from './tools/toolsTime.ts';

/** Reactions float over a tile for this long. */
const REACTION_MS = 4000;
let reactionIds = 0;

export function listenToSession(socket: ClientSocket, client: LiveClient): void {
  const state = () => client.getState();

  socket.on('live:participantJoined', (p) => client.upsertParticipant(p));
  socket.on('live:participantUpdated', (p) => client.upsertParticipant(p));
  socket.on('live:participantLeft', ({ peerId }) => {
    client.set({ participants: state().participants.filter((p) => p.peerId !== peerId) });
    void client.syncMedia();
  });
  socket.on('live:lobby', ({ waiting }) => client.set({ lobby: waiting }));
  socket.on('live:observers', ({ observers }) => client.set({ observers }));
  socket.on('live:admitted', (admitted) => {
    client.enter(admitted).catch((error: unknown) => client.problem(error));
  });
  socket.on('live:lobbyMessage', ({ text }) => client.set({ lobbyMessage: text }));
  socket.on('live:settings', (settings) => client.set({ settings }));
  socket.on('live:activeSpeaker', ({ peerId }) => client.set({ activeSpeaker: peerId }));
  socket.on('live:speaking', ({ peerIds }) => client.set({ speaking: peerIds }));
  socket.on('live:videoSlots', ({ producerIds }) => client.set({ videoSlots: producerIds }));
  socket.on('live:tools', (tools) => client.set(toolsPatch(tools)));
  socket.on('live:whisper', (message) =>
    client.set({ whispers: [...state().whispers, message].slice(-100) }),
  );
  socket.on('live:reaction', ({ peerId, reaction }) => {
    const id = (reactionIds += 1);
    client.set({ reactions: [...state().reactions, { id, peerId, reaction }].slice(-20) });
    window.setTimeout(
      () => client.set({ reactions: state().reactions.filter((r) => r.id !== id) }),
      REACTION_MS,
    );
  });
  socket.on('live:mutedByHost', () => {
    client.media?.mutedByHost();
    client.set({ notice: 'mutedByHost' });
  });
  socket.on('live:unmuteRequested', () => client.set({ notice: 'unmuteRequested' }));
  socket.on('live:cameraStopped', () => {
    void client.media?.stopSource('camera').then(() => client.set({ notice: 'cameraStopped' }));
  });
  socket.on('live:removed', ({ reason }) => {
    client.set({ phase: 'removed', removedReason: reason });
    client.stop();
  });
  socket.on('live:replaced', () => {
    client.set({ phase: 'replaced' });
    client.stop();
  });
  socket.on('live:ended', () => {
    client.set({ phase: 'ended' });
    client.stop();
  });
  socket.on('live:mediaReset', () => {
    client.mediaReset().catch((error: unknown) => client.problem(error));
  });
}
