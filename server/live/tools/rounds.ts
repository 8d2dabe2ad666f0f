// Speaking rounds on the live session: the speaker is the room's spotlight (the SFU pins them
// for everyone, as the host's spotlight does); hands raised meanwhile wait for the round's end.
import type { LivePeer } from '../LivePeer.ts';
import type { LiveSession } from '../LiveSession.ts';

/** Sends each admitted peer the tools as they are now (each with their own `mine`). */
export function toolsChanged(live: LiveSession, now: Date): void {
  for (const peer of live.peers.values()) {
    if (peer.admitted) peer.socket?.emit('live:tools', live.tools.view(peer.personId, now));
  }
}

export function spotlightSpeaker(live: LiveSession): void {
  live.setSettings({ spotlight: live.tools.speaker });
}

/** The round is over: the spotlight as it was, and the queued hands raised, in order. */
export function endRound(live: LiveSession): void {
  const round = live.tools.round;
  if (!round) return;
  live.tools.round = null;
  const seen = (id: string | null) => (id && live.peers.get(id)?.visible ? id : null);
  live.setSettings({ spotlight: seen(round.spotlightBefore) });
  live.tools.handsAfterRound = round.queuedHands.filter((id) => seen(id));
  for (const id of live.tools.handsAfterRound) {
    const peer = live.peers.get(id)!;
    peer.handRaised = true;
    live.participantUpdated(peer);
  }
}

/** The current speaker is done: the next one is spotlighted, or the round ends. */
export function nextSpeaker(live: LiveSession, now: Date): void {
  if (live.tools.nextSpeaker(now)) spotlightSpeaker(live);
  else endRound(live);
  toolsChanged(live, now);
}

/**
 * A hand during a round is queued, not raised (true: queued); lowering it takes it off the queue
 * and the after-round list.
 */
export function handDuringRound(live: LiveSession, peer: LivePeer, raised: boolean, now: Date) {
  const round = live.tools.round;
  const before = JSON.stringify([round?.queuedHands, live.tools.handsAfterRound]);
  if (!raised) {
    live.tools.handsAfterRound = live.tools.handsAfterRound.filter((id) => id !== peer.peerId);
  }
  if (round) {
    round.queuedHands = round.queuedHands.filter((id) => id !== peer.peerId);
    if (raised) round.queuedHands.push(peer.peerId);
  }
  if (JSON.stringify([round?.queuedHands, live.tools.handsAfterRound]) !== before)
    toolsChanged(live, now);
  return !!round && raised;
}

/** Someone visible came in (joined late, came back, stepped in): last in the round's order. */
export function peerJoinedTools(live: LiveSession, peer: LivePeer, now: Date): void {
  const round = live.tools.round;
  if (!round || !peer.visible || round.order.includes(peer.peerId)) return;
  round.order.push(peer.peerId);
  toolsChanged(live, now);
}

/** Someone left the session: out of the round (which moves on if they were speaking). */
export function peerLeftTools(live: LiveSession, peer: LivePeer, now: Date): void {
  const hadHand = live.tools.handsAfterRound.includes(peer.peerId);
  live.tools.handsAfterRound = live.tools.handsAfterRound.filter((id) => id !== peer.peerId);
  if (!live.tools.round) {
    if (hadHand) toolsChanged(live, now);
    return;
  }
  const { wasSpeaker } = live.tools.forget(peer.peerId, now);
  if (wasSpeaker) {
    if (live.tools.speaker) spotlightSpeaker(live);
    else endRound(live);
  }
  toolsChanged(live, now);
}
