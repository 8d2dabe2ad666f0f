// The room's requests that are one message each — host controls, breakouts, the room tools,
// whispers, reactions — kept apart from the session's life cycle in liveClient.ts.
import type {
  RequestName,
  RequestPayload,
  ResponseOf,
} from '../../../../server/protocol/socket.ts';
import type { BreakoutSplit } from '../../../../server/protocol/breakouts.ts';
import { request, type ClientSocket } from '../../lib/socketRequest.ts';
import type { LiveActions, ToolRequest } from './liveState.ts';

export abstract class LiveRequests {
  protected socket: ClientSocket | null = null;

  protected async call<N extends RequestName>(
    name: N,
    payload: RequestPayload<N>,
  ): Promise<ResponseOf<N>> {
    if (!this.socket) throw new Error('not joined');
    return request(this.socket, name, payload);
  }

  async admit(peerId: string | 'all') {
    await this.call('live:admit', { peerId });
  }
  async messageLobby(peerId: string, text: string) {
    await this.call('live:lobbyMessage', { peerId, text });
  }
  async mute(peerId: string) {
    await this.call('live:mute', { peerId });
  }
  async askUnmute(peerId: string) {
    await this.call('live:askUnmute', { peerId });
  }
  async stopCamera(peerId: string) {
    await this.call('live:stopCamera', { peerId });
  }
  async remove(peerId: string, reason: string) {
    await this.call('live:remove', { peerId, reason });
  }
  async lock(locked: boolean) {
    await this.call('live:lock', { locked });
  }
  async spotlight(peerId: string | null) {
    await this.call('live:spotlight', { peerId });
  }
  async setInterpreter(peerId: string, language: string | null) {
    await this.call('live:interpreter', { peerId, language });
  }

  async openBreakouts(minutes: number, split: BreakoutSplit) {
    await this.call('live:breakoutOpen', { minutes, split });
  }
  async moveToBreakout(peerId: string, roomId: string | null) {
    await this.call('live:breakoutMove', { peerId, roomId });
  }
  async closeBreakouts() {
    await this.call('live:breakoutClose', {});
  }
  async broadcastToBreakouts(text: string) {
    await this.call('live:breakoutBroadcast', { text });
  }
  async sayInBreakout(text: string) {
    await this.call('live:breakoutChat', { text });
  }
  async tool<N extends ToolRequest>(name: N, payload: RequestPayload<N>) {
    await this.call(name, payload);
  }
  async whisper(text: string) {
    await this.call('live:whisper', { text });
  }

  async react(reaction: Parameters<LiveActions['react']>[0]) {
    await this.call('live:react', { reaction });
  }
}
